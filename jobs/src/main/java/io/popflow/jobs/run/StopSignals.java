package io.popflow.jobs.run;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Handlers for SIGINT (Ctrl-C) and SIGTERM in place of the JVM's, which exit at once. The JDK's only
 * signal API is {@code sun.misc.Signal} (module jdk.unsupported, as Flink's own entry points use
 * it); it is reached by reflection because javac flags every direct use as internal API, and this
 * build treats warnings as errors.
 */
public final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private final List<Object[]> previous = new ArrayList<>();

    /** Installs {@code onSignal} for both signals until {@link #close}. */
    public StopSignals(Runnable onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            onSignal.run();
                            return null;
                        }
                        return method.getName().equals("toString") ? "popflow stop handler" : method.invoke(this, args);
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : NAMES) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM offers no signal handling (sun.misc.Signal)", e);
        }
    }

    @Override
    public void close() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Method handle = signalClass.getMethod("handle", signalClass, Class.forName("sun.misc.SignalHandler"));
            for (Object[] p : previous) {
                handle.invoke(null, p[0], p[1]);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot restore the JVM's signal handlers", e);
        }
    }
}
