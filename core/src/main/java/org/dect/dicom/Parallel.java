package org.dect.dicom;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

import org.dect.DectException;

/** Maps a function over a list on a pool of its own, keeping order and rethrowing the first failure as is. */
final class Parallel {

    private Parallel() { }

    static <T, R> List<R> map(List<T> items, int threads, Function<T, R> f) {
        if (threads <= 1 || items.size() < 2) {
            return items.stream().map(f).toList();
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> items.parallelStream().map(f).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DectException d) {
                throw d;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }
    }
}
