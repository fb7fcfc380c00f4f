package io.github.meddistill.examples.cli;

import picocli.CommandLine;

/** The version from the jar manifest, so {@code --version} never drifts from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = MedDistillCommand.class.getPackage().getImplementationVersion();
        return new String[] {"meddistill " + (version == null ? "(development build)" : version)};
    }
}
