/**
 * Internals of the student: the HF-layout BERT written with DJL operators, checkpoint readers and writers
 * (ONNX initializers, safetensors), windowing and label alignment. Not a published API.
 */
package io.github.meddistill.student.internal;
