package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** {@code popflow --version} shows the version the pom gives the project, not one written into the code. */
class BuildVersionTest {

    /** jobs/pom.xml's own version, or its parent's, which it inherits. */
    private static String pomVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(RepositoryRoot.find().resolve("jobs/pom.xml").toFile());
        String own = XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);
        return own.isEmpty() ? XPathFactory.newInstance().newXPath().evaluate("/project/parent/version", pom) : own;
    }

    @Test
    void theVersionIsThePoms() throws Exception {
        String version = pomVersion();
        assertThat(version).isNotBlank();
        assertThat(BuildVersion.project()).isEqualTo(version);

        StringWriter out = new StringWriter();
        assertThat(Popflow.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version"))
                .isZero();
        assertThat(out.toString()).isEqualTo("popflow " + version + System.lineSeparator());
    }
}
