package dev.poolkit.micrometer;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** poolkit-bom lists every library module of the build (each {@code pool-*}), at the build's version. */
class BomTest {

    @Test
    void theBomListsEveryLibraryModuleAtTheBuildsVersion() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("poolkit-bom/pom.xml")).exists();
        Document parent = parse(root.resolve("pom.xml"));
        Document bom = parse(root.resolve("poolkit-bom/pom.xml"));

        List<String> libraries = new ArrayList<>();
        for (String m : texts(parent.getElementsByTagName("module"))) {
            if (m.startsWith("pool-")) {
                libraries.add(m);
            }
        }
        List<String> listed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            listed.add(text(d, "artifactId"));
            assertThat(text(d, "groupId")).isEqualTo("dev.poolkit");
            assertThat(text(d, "version")).isEqualTo("${project.version}");
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(libraries);
        assertThat(text(bom.getDocumentElement(), "version")).as("the BOM moves with the build")
                .isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(bom.getElementsByTagName("parent").getLength()).as("the BOM inherits no pins").isZero();
    }

    private static Document parse(Path pom) throws Exception {
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    /** The text of {@code parent}'s direct child {@code name}. */
    private static String text(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static List<String> texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }
}
