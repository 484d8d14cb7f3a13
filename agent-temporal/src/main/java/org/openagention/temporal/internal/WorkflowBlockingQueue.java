// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue for workflow threads: {@code take} waits with {@link Workflow#await}, so the workflow
 * yields instead of parking a thread Temporal does not know about. A cancelled workflow's
 * {@code take} throws {@link InterruptedException} (the supervisor ends the run cancelled). Workflow
 * code only; workflow threads run one at a time, so it needs no locks. Unbounded.
 */
final class WorkflowBlockingQueue<T> extends AbstractQueue<T> implements BlockingQueue<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();

    @Override
    public boolean offer(T item) {
        return items.offer(item);
    }

    @Override
    public void put(T item) {
        items.add(item);
    }

    @Override
    public boolean offer(T item, long timeout, TimeUnit unit) {
        return items.offer(item);
    }

    @Override
    public T take() throws InterruptedException {
        CancellationScope scope = CancellationScope.current();
        Workflow.await(() -> !items.isEmpty() || scope.isCancelRequested());
        if (items.isEmpty()) {
            throw new InterruptedException("the workflow was cancelled");
        }
        return items.poll();
    }

    @Override
    public T poll(long timeout, TimeUnit unit) {
        Workflow.await(Duration.ofNanos(unit.toNanos(timeout)), () -> !items.isEmpty());
        return items.poll();
    }

    @Override
    public T poll() {
        return items.poll();
    }

    @Override
    public T peek() {
        return items.peek();
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super T> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super T> into, int max) {
        int n = 0;
        while (n < max && !items.isEmpty()) {
            into.add(items.poll());
            n++;
        }
        return n;
    }

    @Override
    public Iterator<T> iterator() {
        return items.iterator();
    }

    @Override
    public int size() {
        return items.size();
    }
}
