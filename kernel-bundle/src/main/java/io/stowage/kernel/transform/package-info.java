/**
 * Value transforms (issue 18): the {@code ValueTransform} services the kernel tracks ({@code TransformRegistry}),
 * the chain a store route names ({@code TransformChain}, parsed by {@code ChainSyntax}), and the header a
 * transformed value carries ({@code TransformHeader}), which {@code ChainCodec} writes and undoes. It touches the
 * SPI and the API's exceptions only; the store package calls it for values whose envelope says they are transformed.
 */
package io.stowage.kernel.transform;
