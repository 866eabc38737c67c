package io.popflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One measured figure of {@code bench.json}.
 *
 * @param name what was measured
 * @param value the median over repetitions
 * @param unit its unit
 * @param target the target, as text (e.g. ">= 0.9"), or "" if the figure has none
 * @param met whether the target is met (true when there is none)
 * @param details spread, repetitions and the numbers the value was made of
 */
public record BenchFigure(String name, double value, String unit, String target, boolean met, ObjectNode details) {}
