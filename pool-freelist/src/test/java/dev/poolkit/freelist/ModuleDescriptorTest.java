package dev.poolkit.freelist;

import dev.poolkit.api.contract.ModuleDescriptors;
import org.junit.jupiter.api.Test;

import java.util.Set;

class ModuleDescriptorTest {

    @Test
    void exportsOnlyItsOwnPackageAndProvidesItsBackend() {
        ModuleDescriptors.assertExportsOnlyAndProvides(FreeListBackend.class, Set.of("dev.poolkit.freelist"), FreeListBackend.class);
    }
}
