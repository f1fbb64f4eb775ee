package dev.storefront.local;

/** The scenarios on the embedded emulators, what `make run` serves, in the runtime the JVM shares. */
class EmbeddedEndToEndTest extends EndToEndSuite {

    @Override
    LocalRuntime runtime() {
        return SharedRuntime.get();
    }
}
