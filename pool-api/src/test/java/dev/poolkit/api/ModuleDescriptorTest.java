package dev.poolkit.api;

import dev.poolkit.api.contract.ModuleDescriptors;
import dev.poolkit.local.LocalBackend;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleDescriptorTest {

    @Test
    void exportsOnlyTheApiAndTheSpiAndProvidesTheLocalBackend() {
        ModuleDescriptors.assertExportsOnlyAndProvides(Pools.class, Set.of("dev.poolkit.api", "dev.poolkit.spi"),
                LocalBackend.class);
        assertThat(ModuleDescriptors.of(Pools.class).name()).isEqualTo("dev.poolkit");
        assertThat(ModuleDescriptors.of(Pools.class).uses()).containsExactly("dev.poolkit.spi.PoolBackend");
        // The flight-recorder events; transitive, since PoolRecording.settings() returns a jdk.jfr type.
        assertThat(ModuleDescriptors.of(Pools.class).requires()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("jdk.jfr");
            assertThat(r.modifiers()).contains(java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
    }
}
