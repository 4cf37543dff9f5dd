package org.dect.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT as a request to stop: the action runs once, on a thread of its own, and the
 * command then returns normally (exit 0, which is what a service manager expects of a clean stop),
 * instead of the JVM's default of running shutdown hooks and exiting with 143.
 */
final class Signals {

    private Signals() { }

    static void onTermination(Runnable stop) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable action = () -> {
            if (once.compareAndSet(false, true)) {
                stop.run();
            }
        };
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> new Thread(action, "dect-stop").start());
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            Runtime.getRuntime().addShutdownHook(new Thread(action, "dect-stop")); // a JVM without signal handling
        }
    }
}
