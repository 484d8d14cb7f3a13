// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The editor as this agent sees it: what it offered in {@code initialize} (a file system with its
 * unsaved buffers, terminals) and the requests and notifications sent to it. Thread-safe.
 */
final class EditorClient {
    private final JsonRpc rpc;
    private volatile boolean readsFiles;
    private volatile boolean writesFiles;
    private volatile boolean terminals;

    EditorClient(JsonRpc rpc) {
        this.rpc = rpc;
    }

    /** Takes the client capabilities of an {@code initialize} request. */
    void capabilities(JsonNode caps) {
        readsFiles = caps.path("fs").path("readTextFile").asBoolean(false);
        writesFiles = caps.path("fs").path("writeTextFile").asBoolean(false);
        terminals = caps.path("terminal").asBoolean(false);
    }

    boolean readsFiles() {
        return readsFiles;
    }

    boolean writesFiles() {
        return writesFiles;
    }

    boolean terminals() {
        return terminals;
    }

    /** Sends one {@code session/update}. */
    void update(String sessionId, ObjectNode update) {
        ObjectNode p = AcpJson.object().put("sessionId", sessionId);
        p.set("update", update);
        rpc.notify("session/update", p);
    }

    /**
     * Sends a request and waits for the result, interruptibly (a cancelled prompt interrupts the
     * thread waiting here).
     */
    JsonNode call(String method, ObjectNode params) throws InterruptedException {
        try {
            return rpc.request(method, params).get(1, TimeUnit.DAYS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the editor did not answer " + method);
        }
    }

    /** The text of {@code path} as the editor has it (its unsaved buffer, if any). */
    String readTextFile(String sessionId, String path) throws InterruptedException {
        return call("fs/read_text_file", AcpJson.object().put("sessionId", sessionId).put("path", path))
                .path("content").asText("");
    }

    /** Has the editor write {@code content} to {@code path} (its buffer and the disk). */
    void writeTextFile(String sessionId, String path, String content) throws InterruptedException {
        call("fs/write_text_file", AcpJson.object().put("sessionId", sessionId).put("path", path)
                .put("content", content));
    }
}
