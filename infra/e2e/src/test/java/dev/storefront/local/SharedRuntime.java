package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;

/**
 * One local runtime (embedded emulators, seeded) for the end-to-end test classes of this JVM that
 * do not need their own: starting one costs seconds. Tests use their own carts, orders and SKUs.
 */
final class SharedRuntime {

    private static LocalRuntime runtime;

    private SharedRuntime() {
    }

    static synchronized LocalRuntime get() {
        if (runtime == null) {
            try {
                runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot()));
            } catch (Exception e) {
                throw new IllegalStateException("the local runtime did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shared-runtime-shutdown"));
        }
        return runtime;
    }
}
