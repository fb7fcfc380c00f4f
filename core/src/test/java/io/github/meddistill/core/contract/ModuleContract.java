package io.github.meddistill.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every MedDistill library module's {@code module-info} must say: every package is exported to everyone except
 * the {@code internal} ones, and an {@code internal} package is exported, if at all, only to named MedDistill
 * modules. Each module's {@code ModuleInfoTest} runs {@link #assertExportsOnlyPublicPackages(Path)} on its compiled
 * classes.
 */
public final class ModuleContract {

    private ModuleContract() {
    }

    /** Checks the compiled module in {@code classes} (e.g. {@code target/classes}). */
    public static void assertExportsOnlyPublicPackages(Path classes) {
        Path moduleInfo = classes.resolve("module-info.class");
        assertThat(moduleInfo).as("module-info.class in %s", classes).exists();
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            descriptor = ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(problems(descriptor, packages(classes))).as("module %s", descriptor.name()).isEmpty();
    }

    /** The problems of {@code descriptor} for a module holding {@code packages}; empty when it keeps the contract. */
    public static List<String> problems(ModuleDescriptor descriptor, Set<String> packages) {
        List<String> problems = new ArrayList<>();
        Set<String> everyone = new TreeSet<>();
        for (ModuleDescriptor.Exports export : descriptor.exports()) {
            boolean internal = isInternal(export.source());
            if (!export.isQualified()) {
                everyone.add(export.source());
                if (internal) {
                    problems.add("exports internal package " + export.source() + " to everyone");
                }
            } else if (!internal) {
                problems.add("exports public package " + export.source() + " only to " + export.targets());
            } else {
                export.targets().stream().filter(t -> !t.startsWith("io.github.meddistill."))
                        .forEach(t -> problems.add("exports internal package " + export.source() + " to " + t
                                + ", which is not a MedDistill module"));
            }
        }
        for (String pkg : packages) {
            if (!isInternal(pkg) && !everyone.contains(pkg)) {
                problems.add("does not export public package " + pkg);
            }
        }
        return problems;
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    private static Set<String> packages(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> classes.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
