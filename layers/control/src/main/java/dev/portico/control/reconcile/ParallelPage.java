package dev.portico.control.reconcile;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs one task per domain of a page on a bounded pool and returns the results in page order. Every task is awaited
 * even after one failed, so no task is still writing when the caller gives up; then the first failure is thrown.
 */
final class ParallelPage {
    @FunctionalInterface
    interface Task<T> {
        T run(DomainName domain) throws StoreException;
    }

    private ParallelPage() {
    }

    static <T> List<T> run(ExecutorService workers, List<DomainName> names, Task<T> task) throws StoreException {
        List<Future<T>> futures = new ArrayList<>(names.size());
        for (DomainName name : names) {
            futures.add(workers.submit(() -> task.run(name)));
        }
        List<T> results = new ArrayList<>(names.size());
        StoreException first = null;
        boolean interrupted = false;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof StoreException store ? store
                            : new StoreException("reconcile failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                interrupted = true;
                future.cancel(true);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreException("reconcile interrupted; the next run repeats it");
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
