package dev.storefront.local.sources;

/** One event source of one function, run on its own thread until the runtime's {@link StopSignal}. */
interface EventSourceLoop extends Runnable {

    /** A line for the banner: which function, fed from where, how. */
    String description();

    /** The thread's name. */
    String name();
}
