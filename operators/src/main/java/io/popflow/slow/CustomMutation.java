package io.popflow.slow;

import io.popflow.option.InvalidOptionException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * A user's explore step ({@code mutation: {kernel: custom, class: ...}}), as Ray Tune's {@code
 * custom_explore_fn}: a class on the job's class path that implements {@link MutationKernel}, made
 * with its public constructor taking the run's {@link HyperparameterSpace} (or none). Its moves
 * must stay in the domains: a directive outside them stops the run with the offending h.
 */
final class CustomMutation {
    private CustomMutation() {}

    /** Refuses, naming the option, a class that is not there or cannot be made. */
    static void check(String className) {
        constructor(className);
    }

    static MutationKernel create(String className, HyperparameterSpace space) {
        Constructor<?> c = constructor(className);
        try {
            return (MutationKernel) (c.getParameterCount() == 1 ? c.newInstance(space) : c.newInstance());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InvalidOptionException(
                    MutationSettings.CLASS.key(),
                    "cannot make " + className + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private static Constructor<?> constructor(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidOptionException(
                    MutationSettings.CLASS.key(), "no class " + className + " on the class path");
        }
        InvalidOptionException.require(
                MutationKernel.class.isAssignableFrom(type),
                MutationSettings.CLASS.key(),
                className + " does not implement " + MutationKernel.class.getName());
        InvalidOptionException.require(
                !Modifier.isAbstract(type.getModifiers()), MutationSettings.CLASS.key(), className + " is abstract");
        try {
            return type.getConstructor(HyperparameterSpace.class);
        } catch (NoSuchMethodException noSpace) {
            try {
                return type.getConstructor();
            } catch (NoSuchMethodException none) {
                throw new InvalidOptionException(
                        MutationSettings.CLASS.key(),
                        className + " has no public constructor taking a HyperparameterSpace, nor one taking nothing");
            }
        }
    }
}
