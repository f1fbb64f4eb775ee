package dev.storefront.local.sources;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.storefront.local.sources.fixture.QueueRecorder;
import org.joda.time.DateTime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A template with event sources of every kind (the test resource {@code templates/event-sources.yaml})
 * and the function jar it names, written to a directory at test time: the handlers of the
 * {@code fixture} package plus what a shaded jar of theirs would hold (aws-lambda-java-core,
 * aws-lambda-java-events, joda-time), copied from this test's class path.
 */
final class FixtureFunctions {

    static final String JAR = "fixture-functions.jar";
    private static final String TEMPLATE = "/templates/event-sources.yaml";
    private static final String FIXTURE_PACKAGE = QueueRecorder.class.getPackageName().replace('.', '/') + "/";

    private FixtureFunctions() {
    }

    /** Writes the jar and {@code template.yaml} into {@code dir}; functions record into {@code recordDir}. */
    static Path write(Path dir, Path recordDir) throws IOException {
        Files.createDirectories(recordDir);
        writeJar(dir.resolve(JAR));
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, template().replace("@RECORD_DIR@", recordDir.toAbsolutePath().toString()), StandardCharsets.UTF_8);
        return template;
    }

    private static String template() throws IOException {
        try (InputStream in = FixtureFunctions.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            written.add(JarFile.MANIFEST_NAME);
            Path classes = location(QueueRecorder.class);
            try (Stream<Path> files = Files.walk(classes.resolve(FIXTURE_PACKAGE))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(file).toString().replace('\\', '/');
                    try (InputStream in = Files.newInputStream(file)) {
                        add(out, written, name, in);
                    }
                }
            }
            for (Class<?> fromJar : List.of(RequestHandler.class, SQSEvent.class, DateTime.class)) {
                try (JarFile dependency = new JarFile(location(fromJar).toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) dependency.stream()::iterator) {
                        if (!entry.isDirectory() && !entry.getName().matches("META-INF/.*\\.(SF|RSA|DSA|MF)")) {
                            try (InputStream in = dependency.getInputStream(entry)) {
                                add(out, written, entry.getName(), in);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void add(JarOutputStream out, Set<String> written, String name, InputStream in) throws IOException {
        if (written.add(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
