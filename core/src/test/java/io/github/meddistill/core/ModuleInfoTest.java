package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.contract.ModuleContract;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleInfoTest {

    @Test
    void should_export_every_package_but_the_internal_ones_when_compiled() {
        ModuleContract.assertExportsOnlyPublicPackages(Path.of("target/classes"));
    }

    @Test
    void should_fail_when_an_internal_package_is_exported() {
        // given: a module that exports its internal package to everyone, and one that exports it to a stranger
        ModuleDescriptor leaky = ModuleDescriptor.newModule("io.github.meddistill.example")
                .exports("io.github.meddistill.example").exports("io.github.meddistill.example.internal").build();
        ModuleDescriptor friendly = ModuleDescriptor.newModule("io.github.meddistill.example")
                .exports("io.github.meddistill.example")
                .exports(Set.of(), "io.github.meddistill.example.internal", Set.of("com.acme.app")).build();
        Set<String> packages = Set.of("io.github.meddistill.example", "io.github.meddistill.example.internal");

        // when / then
        assertThat(ModuleContract.problems(leaky, packages))
                .containsExactly("exports internal package io.github.meddistill.example.internal to everyone");
        assertThat(ModuleContract.problems(friendly, packages)).singleElement().asString().contains("com.acme.app");
    }

    @Test
    void should_fail_when_a_public_package_is_not_exported() {
        ModuleDescriptor partial = ModuleDescriptor.newModule("io.github.meddistill.example")
                .exports("io.github.meddistill.example").build();

        assertThat(ModuleContract.problems(partial, Set.of("io.github.meddistill.example", "io.github.meddistill.example.io")))
                .containsExactly("does not export public package io.github.meddistill.example.io");
    }
}
