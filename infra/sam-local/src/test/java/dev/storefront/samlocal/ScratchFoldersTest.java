package dev.storefront.samlocal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A scratch folder goes with everything in it, and deleting one twice (its owner, then the JVM's exit) is harmless. */
class ScratchFoldersTest {

    @Test
    void a_scratch_folder_is_deleted_with_its_nested_files_and_a_second_delete_is_a_no_op() throws Exception {
        Path folder = ScratchFolders.create("scratch-test");
        Files.createDirectories(folder.resolve("functions/lib"));
        Files.writeString(folder.resolve("functions/lib/function.jar"), "jar");

        ScratchFolders.delete(folder);
        ScratchFolders.delete(folder);

        assertThat(folder).doesNotExist();
    }
}
