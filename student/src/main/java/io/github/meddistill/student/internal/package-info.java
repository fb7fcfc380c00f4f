/**
 * Internals of the student: the HF-layout BERT written with DJL operators, checkpoint readers and writers
 * (ONNX initializers, safetensors), windowing and label alignment. Not a published API.
 *
 * <h2>Who owns native memory</h2>
 * Every DJL array belongs to one {@code NDManager}, and the manager must outlive every use of the array,
 * including the uses that libtorch makes later without asking Java. The rules that follow from it:
 * <ul>
 *   <li><b>Model weights</b> live in the model's manager ({@link io.github.meddistill.student.internal.BertModel}),
 *       in storage that the engine allocated: checkpoint values are copied into it. {@code NDArray.set(Buffer)}
 *       would instead make the weight's storage the Java buffer, owned by nothing but that one Java object, with
 *       whatever alignment the buffer happened to get.</li>
 *   <li><b>One call, one child manager.</b> A forward pass, a training step or a scoring batch allocates its
 *       temporaries in a child of the model's manager ({@code newSubManager()}) and closes it after the last use.
 *       Results of an operation belong to the manager of its first operand, so lookups into the weights are
 *       attached to the caller's manager at once, and nothing piles up in the model's.</li>
 *   <li><b>What autograd keeps must live until the backward pass.</b> A DJL {@code Number} overload
 *       ({@code x.mul(0.125f)}, {@code x.div(n)}) makes a scalar array from a direct buffer, uses it and closes it
 *       at once; when {@code x} requires a gradient, autograd keeps that scalar for the backward pass, which then
 *       reads memory the garbage collector has freed (and glibc has overwritten). In code that runs under a
 *       {@code GradientCollector} (the forward pass, the loss), constants are arrays created in the caller's
 *       manager. {@code Number} overloads stay fine where no gradient flows: masks, labels, the optimizer.</li>
 *   <li><b>Gradients</b> are read through {@code getGradient()}, which wraps them in the parameter's own manager:
 *       attach the wrapper to the step's manager, and zero it with an array of that manager
 *       ({@code set(index, 0)} would leave a scalar in the model's manager on every call).</li>
 *   <li><b>Inference</b> never writes weights, so any number of threads may run forward passes at once, each in
 *       its own child manager; {@code close()} on the model must wait until they are done.</li>
 *   <li><b>Values leave native memory as Java arrays</b> ({@code toFloatArray()}) before their manager closes:
 *       checkpoints, exports and scores are plain Java data, never views of native memory.</li>
 * </ul>
 * {@code BertModelMemorySafetyTest} and {@code TrainingMemorySafetyTest} check these rules under a hostile
 * allocator.
 */
package io.github.meddistill.student.internal;
