package dev.storefront.samlocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret the local runtime makes up for a NoEcho template parameter (the payment webhook
 * secret): 32 random bytes, kept 0600 in the data folder so it survives a restart, never a literal
 * in the repository.
 */
public final class DevSecret {

    private DevSecret() {
    }

    public static String in(Path folder, String name) {
        Path file = folder.resolve(name + ".secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = "whsec_dev_" + HexFormat.of().formatHex(random);
            Files.createDirectories(folder);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, secret, StandardCharsets.US_ASCII);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
