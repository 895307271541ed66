/**
 * protobufjs reads int64 as `Long` whenever the `long` package is installed (it is, as a
 * protobufjs dependency). Switching it off is the library's documented way to get plain JS
 * numbers; ms timestamps are far below 2^53. It must run before the generated module is
 * evaluated, because that module bakes int64 defaults into prototypes at load time: import
 * this file first. Process-wide for protobufjs, which only this package uses.
 */
import $protobuf from "protobufjs/minimal.js";

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
