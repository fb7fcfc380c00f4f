/**
 * A HuggingFace-compatible BERT token classifier on DJL: the MedDistill student. It starts from an offline
 * pretrained encoder ({@link io.github.meddistill.student.PretrainedEncoder}), an HF checkpoint directory or a
 * random config, trains on CPU or GPU and extracts entities with exact character offsets.
 */
package io.github.meddistill.student;
