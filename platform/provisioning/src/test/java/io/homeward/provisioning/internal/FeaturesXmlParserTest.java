package io.homeward.provisioning.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.internal.FeatureDefinition.BundleEntry;
import io.homeward.provisioning.internal.FeatureDefinition.Dependency;

class FeaturesXmlParserTest {

    @TempDir
    Path folder;

    private final FeaturesXmlParser parser = new FeaturesXmlParser();

    @Test
    void readsFeaturesBundlesConfigsAndIncludedFeatures() throws Exception {
        List<FeatureDefinition> features = parser.parse(write("""
                <features name="r" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="core" version="1.0.0" description="the core">
                    <bundle start-level="30">mvn:g/a/1.0</bundle>
                    <bundle start="false">mvn:g/lib/2.0</bundle>
                  </feature>
                  <feature name="plugin" version="1.0.0">
                    <feature version="1.0.0">core</feature>
                    <bundle>mvn:g/plugin/1.0</bundle>
                    <config name="a.pid">
                      url = jdbc:h2:mem:x
                      user=sa
                    </config>
                  </feature>
                </features>
                """));

        assertEquals(2, features.size());
        FeatureDefinition core = features.get(0);
        assertEquals("the core", core.description());
        assertEquals(List.of(new BundleEntry("mvn:g/a/1.0", 30, true), new BundleEntry("mvn:g/lib/2.0", 80, false)), core.bundles());
        FeatureDefinition plugin = features.get(1);
        assertEquals(List.of(new Dependency("core", "1.0.0")), plugin.dependencies());
        assertEquals(Map.of("url", "jdbc:h2:mem:x", "user", "sa"), plugin.configs().get(0).properties());
        assertEquals("features.xml", plugin.repository());
    }

    @Test
    void refusesUnsupportedElementsWithFileAndLine() throws Exception {
        Path file = write("""
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="x">
                    <capability>osgi.service;objectClass=Foo</capability>
                  </feature>
                </features>
                """);

        ProvisioningException e = assertThrows(ProvisioningException.class, () -> parser.parse(file));
        assertEquals("features.xml:3: element <capability> is not supported here (Homeward reads features, feature, bundle and config)",
                e.getMessage());
    }

    @Test
    void refusesOtherNamespacesAndNonMavenLocations() throws Exception {
        assertEquals("features.xml:1: element <features> is not in namespace http://karaf.apache.org/xmlns/features/v1.6.0",
                assertThrows(ProvisioningException.class, () -> parser.parse(write("<features xmlns=\"urn:other\"/>"))).getMessage());
        Path file = write("""
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="x"><bundle>file:/tmp/x.jar</bundle></feature>
                </features>
                """);
        assertEquals("features.xml:2: bundle location 'file:/tmp/x.jar' is not supported: only mvn:group/artifact/version locations (resolved from system/)",
                assertThrows(ProvisioningException.class, () -> parser.parse(file)).getMessage());
    }

    @Test
    void repositoriesRejectDuplicatesAndOrderIncludedFeaturesFirst() throws Exception {
        write("""
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="core"/>
                  <feature name="mid"><feature>core</feature></feature>
                  <feature name="top"><feature>mid</feature><feature>core</feature></feature>
                </features>
                """);
        FeatureRepositories repositories = FeatureRepositories.load(folder, parser);

        assertEquals(List.of("core", "mid", "top"), repositories.closure(List.of("top")).stream().map(FeatureDefinition::name).toList());

        Files.writeString(folder.resolve("more.xml"), """
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0"><feature name="core"/></features>
                """);
        assertEquals("feature core is declared twice: in features.xml and in more.xml",
                assertThrows(ProvisioningException.class, () -> FeatureRepositories.load(folder, parser)).getMessage());
    }

    @Test
    void systemRepositoryMapsMavenLocationsAndNamesThePathLookedFor() throws Exception {
        SystemRepository system = new SystemRepository(folder);

        assertEquals(folder.resolve("org/example/a/1.0/a-1.0.jar"), system.path("mvn:org.example/a/1.0"));
        assertEquals(folder.resolve("org/example/a/1.0/a-1.0-features.xml"), system.path("mvn:org.example/a/1.0/xml/features"));
        assertEquals("bundle mvn:org.example/a/1.0 is not in the system repository: looked for " + folder.resolve("org/example/a/1.0/a-1.0.jar"),
                assertThrows(ProvisioningException.class, () -> system.resolve("mvn:org.example/a/1.0")).getMessage());
        assertThrows(ProvisioningException.class, () -> system.path("mvn:../../etc/1.0"));
    }

    private Path write(String xml) throws IOException {
        return Files.writeString(folder.resolve("features.xml"), xml);
    }
}
