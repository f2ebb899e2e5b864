package com.geopera.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code geopera-cli.properties} at build time. */
public final class CliVersion implements IVersionProvider {
    private static final String RESOURCE = "/geopera-cli.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"geopera " + version()};
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = CliVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
