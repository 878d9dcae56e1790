package dev.poolkit.api.contract;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a library module's compiled {@code module-info} and checks what it exports and provides. */
public final class ModuleDescriptors {
    private ModuleDescriptors() {
    }

    /** The descriptor of the module that holds {@code member}, read from its classes directory or jar. */
    public static ModuleDescriptor of(Class<?> member) {
        Path where;
        try {
            where = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
        Set<ModuleReference> found = ModuleFinder.of(where).findAll();
        assertThat(found).as("a module-info in %s", where).hasSize(1);
        return found.iterator().next().descriptor();
    }

    /** Asserts the module exports exactly {@code packages}, unqualified, and provides {@code backend} as a PoolBackend. */
    public static void assertExportsOnlyAndProvides(Class<?> member, Set<String> packages, Class<?> backend) {
        ModuleDescriptor d = of(member);
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .as("packages %s exports", d.name()).isEqualTo(packages);
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("dev.poolkit.spi.PoolBackend");
            assertThat(p.providers()).containsExactly(backend.getName());
        });
    }
}
