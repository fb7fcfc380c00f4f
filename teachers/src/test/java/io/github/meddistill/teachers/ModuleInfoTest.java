package io.github.meddistill.teachers;

import io.github.meddistill.core.contract.ModuleContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleInfoTest {

    @Test
    void should_export_every_package_but_the_internal_ones_when_compiled() {
        ModuleContract.assertExportsOnlyPublicPackages(Path.of("target/classes"));
    }
}
