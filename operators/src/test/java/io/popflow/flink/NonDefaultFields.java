package io.popflow.flink;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Set;

/**
 * Sets every field of an object graph to a value other than the one it had, by reflection, so that
 * a round trip that drops a field (one added later and forgotten by the serializer, say) shows as a
 * difference: a hand-filled fixture only covers the fields its author thought of.
 *
 * <p>Primitives, Strings and enums get a new value from a running counter (each distinct, none the
 * type's default); arrays are created (length 3) when null and filled element by element; a null
 * record is made with filled components; a record already there is kept (an immutable value such as
 * an environment's name, which must stay one popflow knows); any other object is entered and filled
 * in turn. Final primitive fields are kept: they are set by a constructor (a buffer's capacity) and
 * checked by the comparison as they are.
 */
final class NonDefaultFields {
    private final Set<String> skipped;
    private int next = 2;

    /** @param skipped dotted field paths left as they are (scratch space, not state) */
    NonDefaultFields(Set<String> skipped) {
        this.skipped = skipped;
    }

    <T> T fill(T target) {
        fill(target, "");
        return target;
    }

    private void fill(Object target, String path) {
        for (Class<?> c = target.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String at = path.isEmpty() ? f.getName() : path + "." + f.getName();
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || skipped.contains(at)) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    fillField(target, f, at);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot fill " + at, e);
                }
            }
        }
    }

    private void fillField(Object target, Field f, String at) throws ReflectiveOperationException {
        Class<?> type = f.getType();
        Object current = f.get(target);
        boolean isFinal = Modifier.isFinal(f.getModifiers());
        if (type.isPrimitive() || type == String.class || type.isEnum()) {
            if (!isFinal) {
                f.set(target, type == boolean.class ? !(Boolean) current : scalar(type, current));
            }
        } else if (type.isArray()) {
            Object array = current != null ? current : Array.newInstance(type.getComponentType(), 3);
            fillArray(array, at);
            if (current == null) {
                f.set(target, array);
            }
        } else if (type.isRecord()) {
            if (current == null) {
                f.set(target, record(type, at));
            }
        } else if (current != null) {
            fill(current, at);
        } else {
            throw new AssertionError(at + " is null and of a type the filler cannot make (" + type.getName()
                    + "): give it a value in the fixture first");
        }
    }

    private void fillArray(Object array, String at) throws ReflectiveOperationException {
        Class<?> component = array.getClass().getComponentType();
        for (int i = 0; i < Array.getLength(array); i++) {
            if (component == boolean.class) {
                Array.setBoolean(array, i, i % 2 == 0);
            } else if (component.isPrimitive() || component == String.class || component.isEnum()) {
                Array.set(array, i, scalar(component, Array.get(array, i)));
            } else if (component.isRecord()) {
                Array.set(array, i, record(component, at + "[" + i + "]"));
            } else {
                throw new AssertionError(at + ": the filler cannot make elements of " + component.getName());
            }
        }
    }

    private Object record(Class<?> type, String at) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            if (t.isArray()) {
                values[i] = Array.newInstance(t.getComponentType(), 3);
                fillArray(values[i], at + "." + components[i].getName());
            } else if (t == boolean.class) {
                values[i] = true;
            } else if (t.isRecord()) {
                values[i] = record(t, at + "." + components[i].getName());
            } else {
                values[i] = scalar(t, null);
            }
        }
        var constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    /** A value of {@code type} other than {@code current} and other than the type's default. */
    private Object scalar(Class<?> type, Object current) {
        Object value = newScalar(type, current);
        return value.equals(current) ? scalar(type, current) : value;
    }

    private Object newScalar(Class<?> type, Object current) {
        int n = next++;
        if (type == int.class) {
            return n;
        } else if (type == long.class) {
            return (1L << 40) + n;
        } else if (type == double.class) {
            return n + 0.25;
        } else if (type == float.class) {
            return n + 0.5f;
        } else if (type == short.class) {
            return (short) n;
        } else if (type == byte.class) {
            return (byte) n;
        } else if (type == char.class) {
            return (char) ('a' + n);
        } else if (type == String.class) {
            return "filled " + n;
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[
                    (current == null ? 0 : ((Enum<?>) current).ordinal() + 1 + n % (constants.length - 1))
                            % constants.length];
        }
        throw new AssertionError("the filler cannot make a " + type.getName());
    }
}
