package fr.coordo.ui;

import fr.coordo.store.AppPaths;
import fr.coordo.store.Database;

/** An opened database and what the views need to know about it. */
public record Workspace(Database database, AppPaths paths, boolean demo, String version) {}
