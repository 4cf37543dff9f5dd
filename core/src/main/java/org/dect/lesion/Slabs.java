package org.dect.lesion;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.dect.DectException;

/** Runs a per-slice body over all slices on a pool of {@code threads}, rethrowing the first failure as is. */
public final class Slabs {

    private Slabs() { }

    public static void forEachSlice(int slices, int threads, IntConsumer body) {
        if (threads <= 1 || slices < 2) {
            for (int z = 0; z < slices; z++) {
                body.accept(z);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, slices).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DectException d) {
                throw d;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
