package io.timesync.hil.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every resource of a run, treated alike (as Testcontainers treats its containers): each is registered once by
 * type with the factory that opens it, opened on first use, and everything opened or started is closed in the
 * reverse order it was opened, whatever fails on the way. A fixture whose opening failed fails the same way for
 * every later user, without being opened again.
 */
final class Fixtures implements AutoCloseable {
    private final Map<Class<?>, Supplier<?>> factories = new LinkedHashMap<>();
    private final Map<Class<?>, Object> opened = new LinkedHashMap<>();
    private final Map<Class<?>, RuntimeException> failed = new LinkedHashMap<>();
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();

    synchronized <T> void register(Class<T> type, Supplier<? extends T> factory) {
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is registered twice");
        }
    }

    synchronized boolean provides(Class<?> type) {
        return factories.containsKey(type);
    }

    synchronized <T> T get(Class<T> type) {
        Object instance = opened.get(type);
        if (instance != null) {
            return type.cast(instance);
        }
        RuntimeException failure = failed.get(type);
        if (failure != null) {
            throw failure;
        }
        Supplier<?> factory = factories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("no fixture of type " + type.getName() + "; fixtures: "
                    + factories.keySet().stream().map(Class::getSimpleName).toList());
        }
        try {
            T created = type.cast(factory.get());
            opened.put(type, created);
            if (created instanceof AutoCloseable resource) {
                closing.push(resource);
            }
            return created;
        } catch (RuntimeException e) {
            failed.put(type, e);
            throw e;
        }
    }

    /** The fixture if it was opened, without opening it. */
    synchronized <T> Optional<T> ifOpened(Class<T> type) {
        return Optional.ofNullable(opened.get(type)).map(type::cast);
    }

    /** Something the run started itself (a simulator), closed with the fixtures in reverse order. */
    synchronized <T extends AutoCloseable> T started(T resource) {
        closing.push(resource);
        return resource;
    }

    /** Closes everything opened, newest first; the first failure is thrown after all were tried. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        while (!closing.isEmpty()) {
            try {
                closing.pop().close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("closing a fixture failed", e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
