// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A workflow promise seen as a {@link Future}, for the loop: cancelling it cancels the scope the
 * work runs in; {@code get} blocks the workflow thread the Temporal way. Workflow code only.
 */
final class PromiseFuture<T> implements Future<T> {
    private final Promise<T> promise;
    private final CancellationScope scope;

    PromiseFuture(Promise<T> promise, CancellationScope scope) {
        this.promise = promise;
        this.scope = scope;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (promise.isCompleted()) {
            return false;
        }
        scope.cancel();
        return true;
    }

    @Override
    public boolean isCancelled() {
        return scope.isCancelRequested();
    }

    @Override
    public boolean isDone() {
        return promise.isCompleted();
    }

    @Override
    public T get() throws ExecutionException {
        try {
            return promise.get();
        } catch (CanceledFailure e) {
            throw new CancellationException(e.getMessage());
        } catch (RuntimeException e) {
            throw new ExecutionException(e);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
        try {
            return promise.get(timeout, unit);
        } catch (CanceledFailure e) {
            throw new CancellationException(e.getMessage());
        } catch (TimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExecutionException(e);
        }
    }
}
