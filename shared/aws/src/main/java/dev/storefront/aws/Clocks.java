package dev.storefront.aws;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock every function reads time from, so tests can replace it with a fixed one. */
@Factory
class Clocks {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
