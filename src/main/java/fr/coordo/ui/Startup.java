package fr.coordo.ui;

import fr.coordo.store.AppPaths;

/** What the window needs from the composition root: where things are, and how to open the workspace. */
public interface Startup {
    AppPaths paths();

    String version();

    /** Opens the database (may take a moment: called off the JavaFX thread). */
    Workspace open() throws Exception;
}
