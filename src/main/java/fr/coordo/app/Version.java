package fr.coordo.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application version, written into the build by Maven from the pom. */
public final class Version {
    private Version() {}

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/coordo-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
