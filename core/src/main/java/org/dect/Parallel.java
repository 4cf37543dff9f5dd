package org.dect;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Work spread over a pool of its own with a given number of threads (the user's --threads, not the
 * common pool's), rethrowing the first failure as it was thrown, so that a user problem found by a
 * worker still reaches the CLI as one.
 */
public final class Parallel {

    private Parallel() { }

    /** f over the items, results in the items' order. */
    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> f) {
        if (threads <= 1 || items.size() < 2) {
            return items.stream().map(f).toList();
        }
        return run(threads, () -> items.parallelStream().map(f).toList());
    }

    /** body(i) for i in [0, count), typically one slice each. */
    public static void forEach(int count, int threads, IntConsumer body) {
        if (threads <= 1 || count < 2) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        run(threads, () -> {
            IntStream.range(0, count).parallel().forEach(body);
            return null;
        });
    }

    private static <R> R run(int threads, Callable<R> task) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return await(pool.submit(task));
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Starts {@code task} on a thread of its own, beside the caller's work: for a serial task that
     * would otherwise leave a core idle. {@link Background#join} (or closing the handle) waits for it
     * and rethrows its failure as it was thrown.
     */
    public static <T> Background<T> start(Callable<T> task) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return new Background<>(thread.submit(task));
        } finally {
            thread.shutdown();
        }
    }

    /** As {@link #start(Callable)}, for a task without a result. */
    public static Background<Void> start(Runnable task) {
        return start(() -> {
            task.run();
            return null;
        });
    }

    /** A task started by {@link #start}. */
    public static final class Background<T> implements AutoCloseable {

        private final Future<T> future;

        private Background(Future<T> future) {
            this.future = future;
        }

        /** Waits for the task and returns its result; rethrows its failure. */
        public T join() {
            return await(future);
        }

        /** Waits for the task; rethrows its failure (suppressed behind the caller's own, if it has one). */
        @Override
        public void close() {
            join();
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
