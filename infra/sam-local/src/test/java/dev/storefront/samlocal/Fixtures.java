package dev.storefront.samlocal;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The templates under src/test/resources/templates. */
final class Fixtures {

    private Fixtures() {
    }

    static Path template(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/templates/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("No test template " + name, e);
        }
    }

    static SamTemplate fixture() {
        return SamTemplate.load(template("fixture.yaml"));
    }

    static SamTemplate repoTemplate() {
        return SamTemplate.load(SamTemplate.findRepoRoot().resolve(SamTemplate.FILE_NAME));
    }
}
