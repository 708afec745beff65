package org.modelstudio.server;

import org.modelstudio.engine.infer.ModelRuntime;

import java.time.Instant;

/**
 * One version of a served model: its runtime and its own batcher, so that a forward pass never mixes two versions and
 * every request is answered wholly by the version it was given to.
 *
 * @param source where it came from, for people: a file name, "trained in the studio"
 */
public record ModelVersion(String name, String version, ModelRuntime runtime, Batcher batcher, Instant loaded, String source) {}
