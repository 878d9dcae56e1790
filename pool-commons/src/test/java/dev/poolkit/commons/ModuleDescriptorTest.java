package dev.poolkit.commons;

import dev.poolkit.api.contract.ModuleDescriptors;
import org.junit.jupiter.api.Test;

import java.util.Set;

class ModuleDescriptorTest {

    @Test
    void exportsOnlyItsOwnPackageAndProvidesItsBackend() {
        ModuleDescriptors.assertExportsOnlyAndProvides(CommonsBackend.class, Set.of("dev.poolkit.commons"), CommonsBackend.class);
    }
}
