package dev.headroom.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = HeadroomCli.class.getPackage().getImplementationVersion();
        return new String[] {"headroom " + (version == null ? "dev" : version)};
    }
}
