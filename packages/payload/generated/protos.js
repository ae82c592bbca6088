/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
import $protobuf from "protobufjs/minimal.js";

const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const seldon = $root.seldon = (() => {

    const seldon = {};

    seldon.protos = (function() {

        const protos = {};

        protos.SeldonMessage = (function() {

            function SeldonMessage(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SeldonMessage.prototype.status = null;
            SeldonMessage.prototype.meta = null;
            SeldonMessage.prototype.data = null;
            SeldonMessage.prototype.binData = null;
            SeldonMessage.prototype.strData = null;
            SeldonMessage.prototype.jsonData = null;
            SeldonMessage.prototype.customData = null;

            let $oneOfFields;

            Object.defineProperty(SeldonMessage.prototype, "dataOneof", {
                get: $util.oneOfGetter($oneOfFields = ["data", "binData", "strData", "jsonData", "customData"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            SeldonMessage.create = function create(properties) {
                return new SeldonMessage(properties);
            };

            SeldonMessage.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    $root.seldon.protos.Status.encode(message.status, writer.uint32(10).fork(), q + 1).ldelim();
                if (message.meta != null && Object.hasOwnProperty.call(message, "meta"))
                    $root.seldon.protos.Meta.encode(message.meta, writer.uint32(18).fork(), q + 1).ldelim();
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    $root.seldon.protos.DefaultData.encode(message.data, writer.uint32(26).fork(), q + 1).ldelim();
                if (message.binData != null && Object.hasOwnProperty.call(message, "binData"))
                    writer.uint32(34).bytes(message.binData);
                if (message.strData != null && Object.hasOwnProperty.call(message, "strData"))
                    writer.uint32(42).string(message.strData);
                if (message.jsonData != null && Object.hasOwnProperty.call(message, "jsonData"))
                    $root.google.protobuf.Value.encode(message.jsonData, writer.uint32(50).fork(), q + 1).ldelim();
                if (message.customData != null && Object.hasOwnProperty.call(message, "customData"))
                    $root.google.protobuf.Any.encode(message.customData, writer.uint32(58).fork(), q + 1).ldelim();
                return writer;
            };

            SeldonMessage.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            SeldonMessage.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.SeldonMessage();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.status = $root.seldon.protos.Status.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 2: {
                            message.meta = $root.seldon.protos.Meta.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.data = $root.seldon.protos.DefaultData.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.binData = reader.bytes();
                            break;
                        }
                    case 5: {
                            message.strData = reader.string();
                            break;
                        }
                    case 6: {
                            message.jsonData = $root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 7: {
                            message.customData = $root.google.protobuf.Any.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SeldonMessage.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            SeldonMessage.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                let properties = {};
                if (message.status != null && Object.hasOwnProperty.call(message, "status")) {
                    let error = $root.seldon.protos.Status.verify(message.status, long + 1);
                    if (error)
                        return "status." + error;
                }
                if (message.meta != null && Object.hasOwnProperty.call(message, "meta")) {
                    let error = $root.seldon.protos.Meta.verify(message.meta, long + 1);
                    if (error)
                        return "meta." + error;
                }
                if (message.data != null && Object.hasOwnProperty.call(message, "data")) {
                    properties.dataOneof = 1;
                    {
                        let error = $root.seldon.protos.DefaultData.verify(message.data, long + 1);
                        if (error)
                            return "data." + error;
                    }
                }
                if (message.binData != null && Object.hasOwnProperty.call(message, "binData")) {
                    if (properties.dataOneof === 1)
                        return "dataOneof: multiple values";
                    properties.dataOneof = 1;
                    if (!(message.binData && typeof message.binData.length === "number" || $util.isString(message.binData)))
                        return "binData: buffer expected";
                }
                if (message.strData != null && Object.hasOwnProperty.call(message, "strData")) {
                    if (properties.dataOneof === 1)
                        return "dataOneof: multiple values";
                    properties.dataOneof = 1;
                    if (!$util.isString(message.strData))
                        return "strData: string expected";
                }
                if (message.jsonData != null && Object.hasOwnProperty.call(message, "jsonData")) {
                    if (properties.dataOneof === 1)
                        return "dataOneof: multiple values";
                    properties.dataOneof = 1;
                    {
                        let error = $root.google.protobuf.Value.verify(message.jsonData, long + 1);
                        if (error)
                            return "jsonData." + error;
                    }
                }
                if (message.customData != null && Object.hasOwnProperty.call(message, "customData")) {
                    if (properties.dataOneof === 1)
                        return "dataOneof: multiple values";
                    properties.dataOneof = 1;
                    {
                        let error = $root.google.protobuf.Any.verify(message.customData, long + 1);
                        if (error)
                            return "customData." + error;
                    }
                }
                return null;
            };

            SeldonMessage.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.SeldonMessage)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.SeldonMessage: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.SeldonMessage();
                if (object.status != null) {
                    if (!$util.isObject(object.status))
                        throw TypeError(".seldon.protos.SeldonMessage.status: object expected");
                    message.status = $root.seldon.protos.Status.fromObject(object.status, long + 1);
                }
                if (object.meta != null) {
                    if (!$util.isObject(object.meta))
                        throw TypeError(".seldon.protos.SeldonMessage.meta: object expected");
                    message.meta = $root.seldon.protos.Meta.fromObject(object.meta, long + 1);
                }
                if (object.data != null) {
                    if (!$util.isObject(object.data))
                        throw TypeError(".seldon.protos.SeldonMessage.data: object expected");
                    message.data = $root.seldon.protos.DefaultData.fromObject(object.data, long + 1);
                }
                if (object.binData != null)
                    if (typeof object.binData === "string")
                        $util.base64.decode(object.binData, message.binData = $util.newBuffer($util.base64.length(object.binData)), 0);
                    else if (object.binData.length >= 0)
                        message.binData = object.binData;
                if (object.strData != null)
                    message.strData = String(object.strData);
                if (object.jsonData != null) {
                    if (!$util.isObject(object.jsonData))
                        throw TypeError(".seldon.protos.SeldonMessage.jsonData: object expected");
                    message.jsonData = $root.google.protobuf.Value.fromObject(object.jsonData, long + 1);
                }
                if (object.customData != null) {
                    if (!$util.isObject(object.customData))
                        throw TypeError(".seldon.protos.SeldonMessage.customData: object expected");
                    message.customData = $root.google.protobuf.Any.fromObject(object.customData, long + 1);
                }
                return message;
            };

            SeldonMessage.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.status = null;
                    object.meta = null;
                }
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    object.status = $root.seldon.protos.Status.toObject(message.status, options, q + 1);
                if (message.meta != null && Object.hasOwnProperty.call(message, "meta"))
                    object.meta = $root.seldon.protos.Meta.toObject(message.meta, options, q + 1);
                if (message.data != null && Object.hasOwnProperty.call(message, "data")) {
                    object.data = $root.seldon.protos.DefaultData.toObject(message.data, options, q + 1);
                    if (options.oneofs)
                        object.dataOneof = "data";
                }
                if (message.binData != null && Object.hasOwnProperty.call(message, "binData")) {
                    object.binData = options.bytes === String ? $util.base64.encode(message.binData, 0, message.binData.length) : options.bytes === Array ? Array.prototype.slice.call(message.binData) : message.binData;
                    if (options.oneofs)
                        object.dataOneof = "binData";
                }
                if (message.strData != null && Object.hasOwnProperty.call(message, "strData")) {
                    object.strData = message.strData;
                    if (options.oneofs)
                        object.dataOneof = "strData";
                }
                if (message.jsonData != null && Object.hasOwnProperty.call(message, "jsonData")) {
                    object.jsonData = $root.google.protobuf.Value.toObject(message.jsonData, options, q + 1);
                    if (options.oneofs)
                        object.dataOneof = "jsonData";
                }
                if (message.customData != null && Object.hasOwnProperty.call(message, "customData")) {
                    object.customData = $root.google.protobuf.Any.toObject(message.customData, options, q + 1);
                    if (options.oneofs)
                        object.dataOneof = "customData";
                }
                return object;
            };

            SeldonMessage.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            SeldonMessage.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.SeldonMessage";
            };

            return SeldonMessage;
        })();

        protos.DefaultData = (function() {

            function DefaultData(properties) {
                this.names = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            DefaultData.prototype.names = $util.emptyArray;
            DefaultData.prototype.tensor = null;
            DefaultData.prototype.ndarray = null;
            DefaultData.prototype.tftensor = null;

            let $oneOfFields;

            Object.defineProperty(DefaultData.prototype, "dataOneof", {
                get: $util.oneOfGetter($oneOfFields = ["tensor", "ndarray", "tftensor"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            DefaultData.create = function create(properties) {
                return new DefaultData(properties);
            };

            DefaultData.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.names != null && message.names.length)
                    for (let i = 0; i < message.names.length; ++i)
                        writer.uint32(10).string(message.names[i]);
                if (message.tensor != null && Object.hasOwnProperty.call(message, "tensor"))
                    $root.seldon.protos.Tensor.encode(message.tensor, writer.uint32(18).fork(), q + 1).ldelim();
                if (message.ndarray != null && Object.hasOwnProperty.call(message, "ndarray"))
                    $root.google.protobuf.ListValue.encode(message.ndarray, writer.uint32(26).fork(), q + 1).ldelim();
                if (message.tftensor != null && Object.hasOwnProperty.call(message, "tftensor"))
                    $root.tensorflow.TensorProto.encode(message.tftensor, writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            DefaultData.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            DefaultData.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.DefaultData();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.names && message.names.length))
                                message.names = [];
                            message.names.push(reader.string());
                            break;
                        }
                    case 2: {
                            message.tensor = $root.seldon.protos.Tensor.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.ndarray = $root.google.protobuf.ListValue.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.tftensor = $root.tensorflow.TensorProto.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            DefaultData.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            DefaultData.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                let properties = {};
                if (message.names != null && Object.hasOwnProperty.call(message, "names")) {
                    if (!Array.isArray(message.names))
                        return "names: array expected";
                    for (let i = 0; i < message.names.length; ++i)
                        if (!$util.isString(message.names[i]))
                            return "names: string[] expected";
                }
                if (message.tensor != null && Object.hasOwnProperty.call(message, "tensor")) {
                    properties.dataOneof = 1;
                    {
                        let error = $root.seldon.protos.Tensor.verify(message.tensor, long + 1);
                        if (error)
                            return "tensor." + error;
                    }
                }
                if (message.ndarray != null && Object.hasOwnProperty.call(message, "ndarray")) {
                    if (properties.dataOneof === 1)
                        return "dataOneof: multiple values";
                    properties.dataOneof = 1;
                    {
                        let error = $root.google.protobuf.ListValue.verify(message.ndarray, long + 1);
                        if (error)
                            return "ndarray." + error;
                    }
                }
                if (message.tftensor != null && Object.hasOwnProperty.call(message, "tftensor")) {
                    if (properties.dataOneof === 1)
                        return "dataOneof: multiple values";
                    properties.dataOneof = 1;
                    {
                        let error = $root.tensorflow.TensorProto.verify(message.tftensor, long + 1);
                        if (error)
                            return "tftensor." + error;
                    }
                }
                return null;
            };

            DefaultData.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.DefaultData)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.DefaultData: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.DefaultData();
                if (object.names) {
                    if (!Array.isArray(object.names))
                        throw TypeError(".seldon.protos.DefaultData.names: array expected");
                    message.names = [];
                    for (let i = 0; i < object.names.length; ++i)
                        message.names[i] = String(object.names[i]);
                }
                if (object.tensor != null) {
                    if (!$util.isObject(object.tensor))
                        throw TypeError(".seldon.protos.DefaultData.tensor: object expected");
                    message.tensor = $root.seldon.protos.Tensor.fromObject(object.tensor, long + 1);
                }
                if (object.ndarray != null) {
                    if (!$util.isObject(object.ndarray))
                        throw TypeError(".seldon.protos.DefaultData.ndarray: object expected");
                    message.ndarray = $root.google.protobuf.ListValue.fromObject(object.ndarray, long + 1);
                }
                if (object.tftensor != null) {
                    if (!$util.isObject(object.tftensor))
                        throw TypeError(".seldon.protos.DefaultData.tftensor: object expected");
                    message.tftensor = $root.tensorflow.TensorProto.fromObject(object.tftensor, long + 1);
                }
                return message;
            };

            DefaultData.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.names = [];
                if (message.names && message.names.length) {
                    object.names = [];
                    for (let j = 0; j < message.names.length; ++j)
                        object.names[j] = message.names[j];
                }
                if (message.tensor != null && Object.hasOwnProperty.call(message, "tensor")) {
                    object.tensor = $root.seldon.protos.Tensor.toObject(message.tensor, options, q + 1);
                    if (options.oneofs)
                        object.dataOneof = "tensor";
                }
                if (message.ndarray != null && Object.hasOwnProperty.call(message, "ndarray")) {
                    object.ndarray = $root.google.protobuf.ListValue.toObject(message.ndarray, options, q + 1);
                    if (options.oneofs)
                        object.dataOneof = "ndarray";
                }
                if (message.tftensor != null && Object.hasOwnProperty.call(message, "tftensor")) {
                    object.tftensor = $root.tensorflow.TensorProto.toObject(message.tftensor, options, q + 1);
                    if (options.oneofs)
                        object.dataOneof = "tftensor";
                }
                return object;
            };

            DefaultData.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            DefaultData.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.DefaultData";
            };

            return DefaultData;
        })();

        protos.Tensor = (function() {

            function Tensor(properties) {
                this.shape = [];
                this.values = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Tensor.prototype.shape = $util.emptyArray;
            Tensor.prototype.values = $util.emptyArray;

            Tensor.create = function create(properties) {
                return new Tensor(properties);
            };

            Tensor.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.shape != null && message.shape.length) {
                    writer.uint32(10).fork();
                    for (let i = 0; i < message.shape.length; ++i)
                        writer.int32(message.shape[i]);
                    writer.ldelim();
                }
                if (message.values != null && message.values.length) {
                    writer.uint32(18).fork();
                    for (let i = 0; i < message.values.length; ++i)
                        writer.double(message.values[i]);
                    writer.ldelim();
                }
                return writer;
            };

            Tensor.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Tensor.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.Tensor();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.shape.push(reader.int32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.shape.push(reader.int32());
                            break;
                        }
                    case 2: {
                            if (!(message.values && message.values.length))
                                message.values = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.values.push(reader.double());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.values.push(reader.double());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Tensor.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Tensor.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.shape != null && Object.hasOwnProperty.call(message, "shape")) {
                    if (!Array.isArray(message.shape))
                        return "shape: array expected";
                    for (let i = 0; i < message.shape.length; ++i)
                        if (!$util.isInteger(message.shape[i]))
                            return "shape: integer[] expected";
                }
                if (message.values != null && Object.hasOwnProperty.call(message, "values")) {
                    if (!Array.isArray(message.values))
                        return "values: array expected";
                    for (let i = 0; i < message.values.length; ++i)
                        if (typeof message.values[i] !== "number")
                            return "values: number[] expected";
                }
                return null;
            };

            Tensor.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.Tensor)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.Tensor: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.Tensor();
                if (object.shape) {
                    if (!Array.isArray(object.shape))
                        throw TypeError(".seldon.protos.Tensor.shape: array expected");
                    message.shape = [];
                    for (let i = 0; i < object.shape.length; ++i)
                        message.shape[i] = object.shape[i] | 0;
                }
                if (object.values) {
                    if (!Array.isArray(object.values))
                        throw TypeError(".seldon.protos.Tensor.values: array expected");
                    message.values = [];
                    for (let i = 0; i < object.values.length; ++i)
                        message.values[i] = Number(object.values[i]);
                }
                return message;
            };

            Tensor.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.shape = [];
                    object.values = [];
                }
                if (message.shape && message.shape.length) {
                    object.shape = [];
                    for (let j = 0; j < message.shape.length; ++j)
                        object.shape[j] = message.shape[j];
                }
                if (message.values && message.values.length) {
                    object.values = [];
                    for (let j = 0; j < message.values.length; ++j)
                        object.values[j] = options.json && !isFinite(message.values[j]) ? String(message.values[j]) : message.values[j];
                }
                return object;
            };

            Tensor.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Tensor.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.Tensor";
            };

            return Tensor;
        })();

        protos.Meta = (function() {

            function Meta(properties) {
                this.tags = {};
                this.routing = {};
                this.requestPath = {};
                this.metrics = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Meta.prototype.puid = "";
            Meta.prototype.tags = $util.emptyObject;
            Meta.prototype.routing = $util.emptyObject;
            Meta.prototype.requestPath = $util.emptyObject;
            Meta.prototype.metrics = $util.emptyArray;

            Meta.create = function create(properties) {
                return new Meta(properties);
            };

            Meta.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.puid != null && Object.hasOwnProperty.call(message, "puid"))
                    writer.uint32(10).string(message.puid);
                if (message.tags != null && Object.hasOwnProperty.call(message, "tags"))
                    for (let keys = Object.keys(message.tags), i = 0; i < keys.length; ++i) {
                        writer.uint32(18).fork().uint32(10).string(keys[i]);
                        $root.google.protobuf.Value.encode(message.tags[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                if (message.routing != null && Object.hasOwnProperty.call(message, "routing"))
                    for (let keys = Object.keys(message.routing), i = 0; i < keys.length; ++i)
                        writer.uint32(26).fork().uint32(10).string(keys[i]).uint32(16).int32(message.routing[keys[i]]).ldelim();
                if (message.requestPath != null && Object.hasOwnProperty.call(message, "requestPath"))
                    for (let keys = Object.keys(message.requestPath), i = 0; i < keys.length; ++i)
                        writer.uint32(34).fork().uint32(10).string(keys[i]).uint32(18).string(message.requestPath[keys[i]]).ldelim();
                if (message.metrics != null && message.metrics.length)
                    for (let i = 0; i < message.metrics.length; ++i)
                        $root.seldon.protos.Metric.encode(message.metrics[i], writer.uint32(42).fork(), q + 1).ldelim();
                return writer;
            };

            Meta.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Meta.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.Meta();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.puid = reader.string();
                            break;
                        }
                    case 2: {
                            if (message.tags === $util.emptyObject)
                                message.tags = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.tags, key);
                            message.tags[key] = value;
                            break;
                        }
                    case 3: {
                            if (message.routing === $util.emptyObject)
                                message.routing = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = 0;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.int32();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.routing, key);
                            message.routing[key] = value;
                            break;
                        }
                    case 4: {
                            if (message.requestPath === $util.emptyObject)
                                message.requestPath = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.requestPath, key);
                            message.requestPath[key] = value;
                            break;
                        }
                    case 5: {
                            if (!(message.metrics && message.metrics.length))
                                message.metrics = [];
                            message.metrics.push($root.seldon.protos.Metric.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Meta.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Meta.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.puid != null && Object.hasOwnProperty.call(message, "puid"))
                    if (!$util.isString(message.puid))
                        return "puid: string expected";
                if (message.tags != null && Object.hasOwnProperty.call(message, "tags")) {
                    if (!$util.isObject(message.tags))
                        return "tags: object expected";
                    let key = Object.keys(message.tags);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.google.protobuf.Value.verify(message.tags[key[i]], long + 1);
                        if (error)
                            return "tags." + error;
                    }
                }
                if (message.routing != null && Object.hasOwnProperty.call(message, "routing")) {
                    if (!$util.isObject(message.routing))
                        return "routing: object expected";
                    let key = Object.keys(message.routing);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isInteger(message.routing[key[i]]))
                            return "routing: integer{k:string} expected";
                }
                if (message.requestPath != null && Object.hasOwnProperty.call(message, "requestPath")) {
                    if (!$util.isObject(message.requestPath))
                        return "requestPath: object expected";
                    let key = Object.keys(message.requestPath);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.requestPath[key[i]]))
                            return "requestPath: string{k:string} expected";
                }
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics")) {
                    if (!Array.isArray(message.metrics))
                        return "metrics: array expected";
                    for (let i = 0; i < message.metrics.length; ++i) {
                        let error = $root.seldon.protos.Metric.verify(message.metrics[i], long + 1);
                        if (error)
                            return "metrics." + error;
                    }
                }
                return null;
            };

            Meta.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.Meta)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.Meta: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.Meta();
                if (object.puid != null)
                    message.puid = String(object.puid);
                if (object.tags) {
                    if (!$util.isObject(object.tags))
                        throw TypeError(".seldon.protos.Meta.tags: object expected");
                    message.tags = {};
                    for (let keys = Object.keys(object.tags), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.tags, keys[i]);
                        if (!$util.isObject(object.tags[keys[i]]))
                            throw TypeError(".seldon.protos.Meta.tags: object expected");
                        message.tags[keys[i]] = $root.google.protobuf.Value.fromObject(object.tags[keys[i]], long + 1);
                    }
                }
                if (object.routing) {
                    if (!$util.isObject(object.routing))
                        throw TypeError(".seldon.protos.Meta.routing: object expected");
                    message.routing = {};
                    for (let keys = Object.keys(object.routing), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.routing, keys[i]);
                        message.routing[keys[i]] = object.routing[keys[i]] | 0;
                    }
                }
                if (object.requestPath) {
                    if (!$util.isObject(object.requestPath))
                        throw TypeError(".seldon.protos.Meta.requestPath: object expected");
                    message.requestPath = {};
                    for (let keys = Object.keys(object.requestPath), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.requestPath, keys[i]);
                        message.requestPath[keys[i]] = String(object.requestPath[keys[i]]);
                    }
                }
                if (object.metrics) {
                    if (!Array.isArray(object.metrics))
                        throw TypeError(".seldon.protos.Meta.metrics: array expected");
                    message.metrics = [];
                    for (let i = 0; i < object.metrics.length; ++i) {
                        if (!$util.isObject(object.metrics[i]))
                            throw TypeError(".seldon.protos.Meta.metrics: object expected");
                        message.metrics[i] = $root.seldon.protos.Metric.fromObject(object.metrics[i], long + 1);
                    }
                }
                return message;
            };

            Meta.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.metrics = [];
                if (options.objects || options.defaults) {
                    object.tags = {};
                    object.routing = {};
                    object.requestPath = {};
                }
                if (options.defaults)
                    object.puid = "";
                if (message.puid != null && Object.hasOwnProperty.call(message, "puid"))
                    object.puid = message.puid;
                let keys2;
                if (message.tags && (keys2 = Object.keys(message.tags)).length) {
                    object.tags = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.tags, keys2[j]);
                        object.tags[keys2[j]] = $root.google.protobuf.Value.toObject(message.tags[keys2[j]], options, q + 1);
                    }
                }
                if (message.routing && (keys2 = Object.keys(message.routing)).length) {
                    object.routing = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.routing, keys2[j]);
                        object.routing[keys2[j]] = message.routing[keys2[j]];
                    }
                }
                if (message.requestPath && (keys2 = Object.keys(message.requestPath)).length) {
                    object.requestPath = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.requestPath, keys2[j]);
                        object.requestPath[keys2[j]] = message.requestPath[keys2[j]];
                    }
                }
                if (message.metrics && message.metrics.length) {
                    object.metrics = [];
                    for (let j = 0; j < message.metrics.length; ++j)
                        object.metrics[j] = $root.seldon.protos.Metric.toObject(message.metrics[j], options, q + 1);
                }
                return object;
            };

            Meta.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Meta.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.Meta";
            };

            return Meta;
        })();

        protos.Metric = (function() {

            function Metric(properties) {
                this.tags = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Metric.prototype.key = "";
            Metric.prototype.type = 0;
            Metric.prototype.value = 0;
            Metric.prototype.tags = $util.emptyObject;

            Metric.create = function create(properties) {
                return new Metric(properties);
            };

            Metric.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    writer.uint32(10).string(message.key);
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(16).int32(message.type);
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    writer.uint32(29).float(message.value);
                if (message.tags != null && Object.hasOwnProperty.call(message, "tags"))
                    for (let keys = Object.keys(message.tags), i = 0; i < keys.length; ++i)
                        writer.uint32(34).fork().uint32(10).string(keys[i]).uint32(18).string(message.tags[keys[i]]).ldelim();
                return writer;
            };

            Metric.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Metric.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.Metric();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.key = reader.string();
                            break;
                        }
                    case 2: {
                            message.type = reader.int32();
                            break;
                        }
                    case 3: {
                            message.value = reader.float();
                            break;
                        }
                    case 4: {
                            if (message.tags === $util.emptyObject)
                                message.tags = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.tags, key);
                            message.tags[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Metric.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Metric.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    if (!$util.isString(message.key))
                        return "key: string expected";
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    switch (message.type) {
                    default:
                        return "type: enum value expected";
                    case 0:
                    case 1:
                    case 2:
                        break;
                    }
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    if (typeof message.value !== "number")
                        return "value: number expected";
                if (message.tags != null && Object.hasOwnProperty.call(message, "tags")) {
                    if (!$util.isObject(message.tags))
                        return "tags: object expected";
                    let key = Object.keys(message.tags);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.tags[key[i]]))
                            return "tags: string{k:string} expected";
                }
                return null;
            };

            Metric.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.Metric)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.Metric: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.Metric();
                if (object.key != null)
                    message.key = String(object.key);
                switch (object.type) {
                default:
                    if (typeof object.type === "number") {
                        message.type = object.type;
                        break;
                    }
                    break;
                case "COUNTER":
                case 0:
                    message.type = 0;
                    break;
                case "GAUGE":
                case 1:
                    message.type = 1;
                    break;
                case "TIMER":
                case 2:
                    message.type = 2;
                    break;
                }
                if (object.value != null)
                    message.value = Number(object.value);
                if (object.tags) {
                    if (!$util.isObject(object.tags))
                        throw TypeError(".seldon.protos.Metric.tags: object expected");
                    message.tags = {};
                    for (let keys = Object.keys(object.tags), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.tags, keys[i]);
                        message.tags[keys[i]] = String(object.tags[keys[i]]);
                    }
                }
                return message;
            };

            Metric.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.tags = {};
                if (options.defaults) {
                    object.key = "";
                    object.type = options.enums === String ? "COUNTER" : 0;
                    object.value = 0;
                }
                if (message.key != null && Object.hasOwnProperty.call(message, "key"))
                    object.key = message.key;
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    object.type = options.enums === String ? $root.seldon.protos.Metric.MetricType[message.type] === undefined ? message.type : $root.seldon.protos.Metric.MetricType[message.type] : message.type;
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    object.value = options.json && !isFinite(message.value) ? String(message.value) : message.value;
                let keys2;
                if (message.tags && (keys2 = Object.keys(message.tags)).length) {
                    object.tags = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.tags, keys2[j]);
                        object.tags[keys2[j]] = message.tags[keys2[j]];
                    }
                }
                return object;
            };

            Metric.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Metric.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.Metric";
            };

            Metric.MetricType = (function() {
                const valuesById = {}, values = Object.create(valuesById);
                values[valuesById[0] = "COUNTER"] = 0;
                values[valuesById[1] = "GAUGE"] = 1;
                values[valuesById[2] = "TIMER"] = 2;
                return values;
            })();

            return Metric;
        })();

        protos.SeldonMessageList = (function() {

            function SeldonMessageList(properties) {
                this.seldonMessages = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SeldonMessageList.prototype.seldonMessages = $util.emptyArray;

            SeldonMessageList.create = function create(properties) {
                return new SeldonMessageList(properties);
            };

            SeldonMessageList.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.seldonMessages != null && message.seldonMessages.length)
                    for (let i = 0; i < message.seldonMessages.length; ++i)
                        $root.seldon.protos.SeldonMessage.encode(message.seldonMessages[i], writer.uint32(10).fork(), q + 1).ldelim();
                return writer;
            };

            SeldonMessageList.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            SeldonMessageList.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.SeldonMessageList();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.seldonMessages && message.seldonMessages.length))
                                message.seldonMessages = [];
                            message.seldonMessages.push($root.seldon.protos.SeldonMessage.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SeldonMessageList.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            SeldonMessageList.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.seldonMessages != null && Object.hasOwnProperty.call(message, "seldonMessages")) {
                    if (!Array.isArray(message.seldonMessages))
                        return "seldonMessages: array expected";
                    for (let i = 0; i < message.seldonMessages.length; ++i) {
                        let error = $root.seldon.protos.SeldonMessage.verify(message.seldonMessages[i], long + 1);
                        if (error)
                            return "seldonMessages." + error;
                    }
                }
                return null;
            };

            SeldonMessageList.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.SeldonMessageList)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.SeldonMessageList: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.SeldonMessageList();
                if (object.seldonMessages) {
                    if (!Array.isArray(object.seldonMessages))
                        throw TypeError(".seldon.protos.SeldonMessageList.seldonMessages: array expected");
                    message.seldonMessages = [];
                    for (let i = 0; i < object.seldonMessages.length; ++i) {
                        if (!$util.isObject(object.seldonMessages[i]))
                            throw TypeError(".seldon.protos.SeldonMessageList.seldonMessages: object expected");
                        message.seldonMessages[i] = $root.seldon.protos.SeldonMessage.fromObject(object.seldonMessages[i], long + 1);
                    }
                }
                return message;
            };

            SeldonMessageList.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.seldonMessages = [];
                if (message.seldonMessages && message.seldonMessages.length) {
                    object.seldonMessages = [];
                    for (let j = 0; j < message.seldonMessages.length; ++j)
                        object.seldonMessages[j] = $root.seldon.protos.SeldonMessage.toObject(message.seldonMessages[j], options, q + 1);
                }
                return object;
            };

            SeldonMessageList.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            SeldonMessageList.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.SeldonMessageList";
            };

            return SeldonMessageList;
        })();

        protos.Status = (function() {

            function Status(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Status.prototype.code = 0;
            Status.prototype.info = "";
            Status.prototype.reason = "";
            Status.prototype.status = 0;

            Status.create = function create(properties) {
                return new Status(properties);
            };

            Status.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    writer.uint32(8).int32(message.code);
                if (message.info != null && Object.hasOwnProperty.call(message, "info"))
                    writer.uint32(18).string(message.info);
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(26).string(message.reason);
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    writer.uint32(32).int32(message.status);
                return writer;
            };

            Status.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Status.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.Status();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.code = reader.int32();
                            break;
                        }
                    case 2: {
                            message.info = reader.string();
                            break;
                        }
                    case 3: {
                            message.reason = reader.string();
                            break;
                        }
                    case 4: {
                            message.status = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Status.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Status.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isInteger(message.code))
                        return "code: integer expected";
                if (message.info != null && Object.hasOwnProperty.call(message, "info"))
                    if (!$util.isString(message.info))
                        return "info: string expected";
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    switch (message.status) {
                    default:
                        return "status: enum value expected";
                    case 0:
                    case 1:
                        break;
                    }
                return null;
            };

            Status.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.Status)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.Status: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.Status();
                if (object.code != null)
                    message.code = object.code | 0;
                if (object.info != null)
                    message.info = String(object.info);
                if (object.reason != null)
                    message.reason = String(object.reason);
                switch (object.status) {
                default:
                    if (typeof object.status === "number") {
                        message.status = object.status;
                        break;
                    }
                    break;
                case "SUCCESS":
                case 0:
                    message.status = 0;
                    break;
                case "FAILURE":
                case 1:
                    message.status = 1;
                    break;
                }
                return message;
            };

            Status.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.code = 0;
                    object.info = "";
                    object.reason = "";
                    object.status = options.enums === String ? "SUCCESS" : 0;
                }
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.info != null && Object.hasOwnProperty.call(message, "info"))
                    object.info = message.info;
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.status != null && Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === String ? $root.seldon.protos.Status.StatusFlag[message.status] === undefined ? message.status : $root.seldon.protos.Status.StatusFlag[message.status] : message.status;
                return object;
            };

            Status.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Status.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.Status";
            };

            Status.StatusFlag = (function() {
                const valuesById = {}, values = Object.create(valuesById);
                values[valuesById[0] = "SUCCESS"] = 0;
                values[valuesById[1] = "FAILURE"] = 1;
                return values;
            })();

            return Status;
        })();

        protos.Feedback = (function() {

            function Feedback(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Feedback.prototype.request = null;
            Feedback.prototype.response = null;
            Feedback.prototype.reward = 0;
            Feedback.prototype.truth = null;

            Feedback.create = function create(properties) {
                return new Feedback(properties);
            };

            Feedback.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.request != null && Object.hasOwnProperty.call(message, "request"))
                    $root.seldon.protos.SeldonMessage.encode(message.request, writer.uint32(10).fork(), q + 1).ldelim();
                if (message.response != null && Object.hasOwnProperty.call(message, "response"))
                    $root.seldon.protos.SeldonMessage.encode(message.response, writer.uint32(18).fork(), q + 1).ldelim();
                if (message.reward != null && Object.hasOwnProperty.call(message, "reward"))
                    writer.uint32(29).float(message.reward);
                if (message.truth != null && Object.hasOwnProperty.call(message, "truth"))
                    $root.seldon.protos.SeldonMessage.encode(message.truth, writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            Feedback.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Feedback.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.Feedback();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.request = $root.seldon.protos.SeldonMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 2: {
                            message.response = $root.seldon.protos.SeldonMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.reward = reader.float();
                            break;
                        }
                    case 4: {
                            message.truth = $root.seldon.protos.SeldonMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Feedback.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Feedback.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.request != null && Object.hasOwnProperty.call(message, "request")) {
                    let error = $root.seldon.protos.SeldonMessage.verify(message.request, long + 1);
                    if (error)
                        return "request." + error;
                }
                if (message.response != null && Object.hasOwnProperty.call(message, "response")) {
                    let error = $root.seldon.protos.SeldonMessage.verify(message.response, long + 1);
                    if (error)
                        return "response." + error;
                }
                if (message.reward != null && Object.hasOwnProperty.call(message, "reward"))
                    if (typeof message.reward !== "number")
                        return "reward: number expected";
                if (message.truth != null && Object.hasOwnProperty.call(message, "truth")) {
                    let error = $root.seldon.protos.SeldonMessage.verify(message.truth, long + 1);
                    if (error)
                        return "truth." + error;
                }
                return null;
            };

            Feedback.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.Feedback)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.Feedback: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.Feedback();
                if (object.request != null) {
                    if (!$util.isObject(object.request))
                        throw TypeError(".seldon.protos.Feedback.request: object expected");
                    message.request = $root.seldon.protos.SeldonMessage.fromObject(object.request, long + 1);
                }
                if (object.response != null) {
                    if (!$util.isObject(object.response))
                        throw TypeError(".seldon.protos.Feedback.response: object expected");
                    message.response = $root.seldon.protos.SeldonMessage.fromObject(object.response, long + 1);
                }
                if (object.reward != null)
                    message.reward = Number(object.reward);
                if (object.truth != null) {
                    if (!$util.isObject(object.truth))
                        throw TypeError(".seldon.protos.Feedback.truth: object expected");
                    message.truth = $root.seldon.protos.SeldonMessage.fromObject(object.truth, long + 1);
                }
                return message;
            };

            Feedback.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.request = null;
                    object.response = null;
                    object.reward = 0;
                    object.truth = null;
                }
                if (message.request != null && Object.hasOwnProperty.call(message, "request"))
                    object.request = $root.seldon.protos.SeldonMessage.toObject(message.request, options, q + 1);
                if (message.response != null && Object.hasOwnProperty.call(message, "response"))
                    object.response = $root.seldon.protos.SeldonMessage.toObject(message.response, options, q + 1);
                if (message.reward != null && Object.hasOwnProperty.call(message, "reward"))
                    object.reward = options.json && !isFinite(message.reward) ? String(message.reward) : message.reward;
                if (message.truth != null && Object.hasOwnProperty.call(message, "truth"))
                    object.truth = $root.seldon.protos.SeldonMessage.toObject(message.truth, options, q + 1);
                return object;
            };

            Feedback.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Feedback.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.Feedback";
            };

            return Feedback;
        })();

        protos.RequestResponse = (function() {

            function RequestResponse(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            RequestResponse.prototype.request = null;
            RequestResponse.prototype.response = null;

            RequestResponse.create = function create(properties) {
                return new RequestResponse(properties);
            };

            RequestResponse.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.request != null && Object.hasOwnProperty.call(message, "request"))
                    $root.seldon.protos.SeldonMessage.encode(message.request, writer.uint32(10).fork(), q + 1).ldelim();
                if (message.response != null && Object.hasOwnProperty.call(message, "response"))
                    $root.seldon.protos.SeldonMessage.encode(message.response, writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            RequestResponse.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            RequestResponse.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.RequestResponse();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.request = $root.seldon.protos.SeldonMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 2: {
                            message.response = $root.seldon.protos.SeldonMessage.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            RequestResponse.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            RequestResponse.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.request != null && Object.hasOwnProperty.call(message, "request")) {
                    let error = $root.seldon.protos.SeldonMessage.verify(message.request, long + 1);
                    if (error)
                        return "request." + error;
                }
                if (message.response != null && Object.hasOwnProperty.call(message, "response")) {
                    let error = $root.seldon.protos.SeldonMessage.verify(message.response, long + 1);
                    if (error)
                        return "response." + error;
                }
                return null;
            };

            RequestResponse.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.RequestResponse)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.RequestResponse: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.RequestResponse();
                if (object.request != null) {
                    if (!$util.isObject(object.request))
                        throw TypeError(".seldon.protos.RequestResponse.request: object expected");
                    message.request = $root.seldon.protos.SeldonMessage.fromObject(object.request, long + 1);
                }
                if (object.response != null) {
                    if (!$util.isObject(object.response))
                        throw TypeError(".seldon.protos.RequestResponse.response: object expected");
                    message.response = $root.seldon.protos.SeldonMessage.fromObject(object.response, long + 1);
                }
                return message;
            };

            RequestResponse.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.request = null;
                    object.response = null;
                }
                if (message.request != null && Object.hasOwnProperty.call(message, "request"))
                    object.request = $root.seldon.protos.SeldonMessage.toObject(message.request, options, q + 1);
                if (message.response != null && Object.hasOwnProperty.call(message, "response"))
                    object.response = $root.seldon.protos.SeldonMessage.toObject(message.response, options, q + 1);
                return object;
            };

            RequestResponse.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            RequestResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.RequestResponse";
            };

            return RequestResponse;
        })();

        protos.SeldonModelMetadataRequest = (function() {

            function SeldonModelMetadataRequest(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SeldonModelMetadataRequest.prototype.name = "";

            SeldonModelMetadataRequest.create = function create(properties) {
                return new SeldonModelMetadataRequest(properties);
            };

            SeldonModelMetadataRequest.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                return writer;
            };

            SeldonModelMetadataRequest.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            SeldonModelMetadataRequest.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.SeldonModelMetadataRequest();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SeldonModelMetadataRequest.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            SeldonModelMetadataRequest.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                return null;
            };

            SeldonModelMetadataRequest.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.SeldonModelMetadataRequest)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.SeldonModelMetadataRequest: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.SeldonModelMetadataRequest();
                if (object.name != null)
                    message.name = String(object.name);
                return message;
            };

            SeldonModelMetadataRequest.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.name = "";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                return object;
            };

            SeldonModelMetadataRequest.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            SeldonModelMetadataRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.SeldonModelMetadataRequest";
            };

            return SeldonModelMetadataRequest;
        })();

        protos.SeldonMessageMetadata = (function() {

            function SeldonMessageMetadata(properties) {
                this.shape = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SeldonMessageMetadata.prototype.messagetype = "";
            SeldonMessageMetadata.prototype.schema = null;
            SeldonMessageMetadata.prototype.name = "";
            SeldonMessageMetadata.prototype.datatype = "";
            SeldonMessageMetadata.prototype.shape = $util.emptyArray;

            SeldonMessageMetadata.create = function create(properties) {
                return new SeldonMessageMetadata(properties);
            };

            SeldonMessageMetadata.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.messagetype != null && Object.hasOwnProperty.call(message, "messagetype"))
                    writer.uint32(10).string(message.messagetype);
                if (message.schema != null && Object.hasOwnProperty.call(message, "schema"))
                    $root.google.protobuf.Value.encode(message.schema, writer.uint32(18).fork(), q + 1).ldelim();
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(26).string(message.name);
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    writer.uint32(34).string(message.datatype);
                if (message.shape != null && message.shape.length) {
                    writer.uint32(42).fork();
                    for (let i = 0; i < message.shape.length; ++i)
                        writer.int64(message.shape[i]);
                    writer.ldelim();
                }
                return writer;
            };

            SeldonMessageMetadata.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            SeldonMessageMetadata.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.SeldonMessageMetadata();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.messagetype = reader.string();
                            break;
                        }
                    case 2: {
                            message.schema = $root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.name = reader.string();
                            break;
                        }
                    case 4: {
                            message.datatype = reader.string();
                            break;
                        }
                    case 5: {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.shape.push(reader.int64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.shape.push(reader.int64());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SeldonMessageMetadata.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            SeldonMessageMetadata.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.messagetype != null && Object.hasOwnProperty.call(message, "messagetype"))
                    if (!$util.isString(message.messagetype))
                        return "messagetype: string expected";
                if (message.schema != null && Object.hasOwnProperty.call(message, "schema")) {
                    let error = $root.google.protobuf.Value.verify(message.schema, long + 1);
                    if (error)
                        return "schema." + error;
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    if (!$util.isString(message.datatype))
                        return "datatype: string expected";
                if (message.shape != null && Object.hasOwnProperty.call(message, "shape")) {
                    if (!Array.isArray(message.shape))
                        return "shape: array expected";
                    for (let i = 0; i < message.shape.length; ++i)
                        if (!$util.isInteger(message.shape[i]) && !(message.shape[i] && $util.isInteger(message.shape[i].low) && $util.isInteger(message.shape[i].high)))
                            return "shape: integer|Long[] expected";
                }
                return null;
            };

            SeldonMessageMetadata.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.SeldonMessageMetadata)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.SeldonMessageMetadata: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.SeldonMessageMetadata();
                if (object.messagetype != null)
                    message.messagetype = String(object.messagetype);
                if (object.schema != null) {
                    if (!$util.isObject(object.schema))
                        throw TypeError(".seldon.protos.SeldonMessageMetadata.schema: object expected");
                    message.schema = $root.google.protobuf.Value.fromObject(object.schema, long + 1);
                }
                if (object.name != null)
                    message.name = String(object.name);
                if (object.datatype != null)
                    message.datatype = String(object.datatype);
                if (object.shape) {
                    if (!Array.isArray(object.shape))
                        throw TypeError(".seldon.protos.SeldonMessageMetadata.shape: array expected");
                    message.shape = [];
                    for (let i = 0; i < object.shape.length; ++i)
                        if ($util.Long)
                            message.shape[i] = $util.Long.fromValue(object.shape[i], false);
                        else if (typeof object.shape[i] === "string")
                            message.shape[i] = parseInt(object.shape[i], 10);
                        else if (typeof object.shape[i] === "number")
                            message.shape[i] = object.shape[i];
                        else if (typeof object.shape[i] === "object")
                            message.shape[i] = new $util.LongBits(object.shape[i].low >>> 0, object.shape[i].high >>> 0).toNumber();
                }
                return message;
            };

            SeldonMessageMetadata.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.shape = [];
                if (options.defaults) {
                    object.messagetype = "";
                    object.schema = null;
                    object.name = "";
                    object.datatype = "";
                }
                if (message.messagetype != null && Object.hasOwnProperty.call(message, "messagetype"))
                    object.messagetype = message.messagetype;
                if (message.schema != null && Object.hasOwnProperty.call(message, "schema"))
                    object.schema = $root.google.protobuf.Value.toObject(message.schema, options, q + 1);
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    object.datatype = message.datatype;
                if (message.shape && message.shape.length) {
                    object.shape = [];
                    for (let j = 0; j < message.shape.length; ++j)
                        if (typeof BigInt !== "undefined" && options.longs === BigInt)
                            object.shape[j] = typeof message.shape[j] === "number" ? BigInt(message.shape[j]) : $util.Long.fromBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0, false).toBigInt();
                        else if (typeof message.shape[j] === "number")
                            object.shape[j] = options.longs === String ? String(message.shape[j]) : message.shape[j];
                        else
                            object.shape[j] = options.longs === String ? $util.Long.prototype.toString.call(message.shape[j]) : options.longs === Number ? new $util.LongBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0).toNumber() : message.shape[j];
                }
                return object;
            };

            SeldonMessageMetadata.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            SeldonMessageMetadata.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.SeldonMessageMetadata";
            };

            return SeldonMessageMetadata;
        })();

        protos.SeldonModelMetadata = (function() {

            function SeldonModelMetadata(properties) {
                this.versions = [];
                this.inputs = [];
                this.outputs = [];
                this.custom = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SeldonModelMetadata.prototype.name = "";
            SeldonModelMetadata.prototype.versions = $util.emptyArray;
            SeldonModelMetadata.prototype.platform = "";
            SeldonModelMetadata.prototype.inputs = $util.emptyArray;
            SeldonModelMetadata.prototype.outputs = $util.emptyArray;
            SeldonModelMetadata.prototype.custom = $util.emptyObject;

            SeldonModelMetadata.create = function create(properties) {
                return new SeldonModelMetadata(properties);
            };

            SeldonModelMetadata.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.versions != null && message.versions.length)
                    for (let i = 0; i < message.versions.length; ++i)
                        writer.uint32(18).string(message.versions[i]);
                if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                    writer.uint32(26).string(message.platform);
                if (message.inputs != null && message.inputs.length)
                    for (let i = 0; i < message.inputs.length; ++i)
                        $root.seldon.protos.SeldonMessageMetadata.encode(message.inputs[i], writer.uint32(34).fork(), q + 1).ldelim();
                if (message.outputs != null && message.outputs.length)
                    for (let i = 0; i < message.outputs.length; ++i)
                        $root.seldon.protos.SeldonMessageMetadata.encode(message.outputs[i], writer.uint32(42).fork(), q + 1).ldelim();
                if (message.custom != null && Object.hasOwnProperty.call(message, "custom"))
                    for (let keys = Object.keys(message.custom), i = 0; i < keys.length; ++i)
                        writer.uint32(50).fork().uint32(10).string(keys[i]).uint32(18).string(message.custom[keys[i]]).ldelim();
                return writer;
            };

            SeldonModelMetadata.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            SeldonModelMetadata.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.SeldonModelMetadata();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.versions && message.versions.length))
                                message.versions = [];
                            message.versions.push(reader.string());
                            break;
                        }
                    case 3: {
                            message.platform = reader.string();
                            break;
                        }
                    case 4: {
                            if (!(message.inputs && message.inputs.length))
                                message.inputs = [];
                            message.inputs.push($root.seldon.protos.SeldonMessageMetadata.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 5: {
                            if (!(message.outputs && message.outputs.length))
                                message.outputs = [];
                            message.outputs.push($root.seldon.protos.SeldonMessageMetadata.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 6: {
                            if (message.custom === $util.emptyObject)
                                message.custom = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.custom, key);
                            message.custom[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SeldonModelMetadata.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            SeldonModelMetadata.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.versions != null && Object.hasOwnProperty.call(message, "versions")) {
                    if (!Array.isArray(message.versions))
                        return "versions: array expected";
                    for (let i = 0; i < message.versions.length; ++i)
                        if (!$util.isString(message.versions[i]))
                            return "versions: string[] expected";
                }
                if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                    if (!$util.isString(message.platform))
                        return "platform: string expected";
                if (message.inputs != null && Object.hasOwnProperty.call(message, "inputs")) {
                    if (!Array.isArray(message.inputs))
                        return "inputs: array expected";
                    for (let i = 0; i < message.inputs.length; ++i) {
                        let error = $root.seldon.protos.SeldonMessageMetadata.verify(message.inputs[i], long + 1);
                        if (error)
                            return "inputs." + error;
                    }
                }
                if (message.outputs != null && Object.hasOwnProperty.call(message, "outputs")) {
                    if (!Array.isArray(message.outputs))
                        return "outputs: array expected";
                    for (let i = 0; i < message.outputs.length; ++i) {
                        let error = $root.seldon.protos.SeldonMessageMetadata.verify(message.outputs[i], long + 1);
                        if (error)
                            return "outputs." + error;
                    }
                }
                if (message.custom != null && Object.hasOwnProperty.call(message, "custom")) {
                    if (!$util.isObject(message.custom))
                        return "custom: object expected";
                    let key = Object.keys(message.custom);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.custom[key[i]]))
                            return "custom: string{k:string} expected";
                }
                return null;
            };

            SeldonModelMetadata.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.SeldonModelMetadata)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.SeldonModelMetadata: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.SeldonModelMetadata();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.versions) {
                    if (!Array.isArray(object.versions))
                        throw TypeError(".seldon.protos.SeldonModelMetadata.versions: array expected");
                    message.versions = [];
                    for (let i = 0; i < object.versions.length; ++i)
                        message.versions[i] = String(object.versions[i]);
                }
                if (object.platform != null)
                    message.platform = String(object.platform);
                if (object.inputs) {
                    if (!Array.isArray(object.inputs))
                        throw TypeError(".seldon.protos.SeldonModelMetadata.inputs: array expected");
                    message.inputs = [];
                    for (let i = 0; i < object.inputs.length; ++i) {
                        if (!$util.isObject(object.inputs[i]))
                            throw TypeError(".seldon.protos.SeldonModelMetadata.inputs: object expected");
                        message.inputs[i] = $root.seldon.protos.SeldonMessageMetadata.fromObject(object.inputs[i], long + 1);
                    }
                }
                if (object.outputs) {
                    if (!Array.isArray(object.outputs))
                        throw TypeError(".seldon.protos.SeldonModelMetadata.outputs: array expected");
                    message.outputs = [];
                    for (let i = 0; i < object.outputs.length; ++i) {
                        if (!$util.isObject(object.outputs[i]))
                            throw TypeError(".seldon.protos.SeldonModelMetadata.outputs: object expected");
                        message.outputs[i] = $root.seldon.protos.SeldonMessageMetadata.fromObject(object.outputs[i], long + 1);
                    }
                }
                if (object.custom) {
                    if (!$util.isObject(object.custom))
                        throw TypeError(".seldon.protos.SeldonModelMetadata.custom: object expected");
                    message.custom = {};
                    for (let keys = Object.keys(object.custom), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.custom, keys[i]);
                        message.custom[keys[i]] = String(object.custom[keys[i]]);
                    }
                }
                return message;
            };

            SeldonModelMetadata.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.versions = [];
                    object.inputs = [];
                    object.outputs = [];
                }
                if (options.objects || options.defaults)
                    object.custom = {};
                if (options.defaults) {
                    object.name = "";
                    object.platform = "";
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.versions && message.versions.length) {
                    object.versions = [];
                    for (let j = 0; j < message.versions.length; ++j)
                        object.versions[j] = message.versions[j];
                }
                if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                    object.platform = message.platform;
                if (message.inputs && message.inputs.length) {
                    object.inputs = [];
                    for (let j = 0; j < message.inputs.length; ++j)
                        object.inputs[j] = $root.seldon.protos.SeldonMessageMetadata.toObject(message.inputs[j], options, q + 1);
                }
                if (message.outputs && message.outputs.length) {
                    object.outputs = [];
                    for (let j = 0; j < message.outputs.length; ++j)
                        object.outputs[j] = $root.seldon.protos.SeldonMessageMetadata.toObject(message.outputs[j], options, q + 1);
                }
                let keys2;
                if (message.custom && (keys2 = Object.keys(message.custom)).length) {
                    object.custom = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.custom, keys2[j]);
                        object.custom[keys2[j]] = message.custom[keys2[j]];
                    }
                }
                return object;
            };

            SeldonModelMetadata.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            SeldonModelMetadata.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.SeldonModelMetadata";
            };

            return SeldonModelMetadata;
        })();

        protos.SeldonGraphMetadata = (function() {

            function SeldonGraphMetadata(properties) {
                this.models = {};
                this.inputs = [];
                this.outputs = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SeldonGraphMetadata.prototype.name = "";
            SeldonGraphMetadata.prototype.models = $util.emptyObject;
            SeldonGraphMetadata.prototype.inputs = $util.emptyArray;
            SeldonGraphMetadata.prototype.outputs = $util.emptyArray;

            SeldonGraphMetadata.create = function create(properties) {
                return new SeldonGraphMetadata(properties);
            };

            SeldonGraphMetadata.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.models != null && Object.hasOwnProperty.call(message, "models"))
                    for (let keys = Object.keys(message.models), i = 0; i < keys.length; ++i) {
                        writer.uint32(18).fork().uint32(10).string(keys[i]);
                        $root.seldon.protos.SeldonModelMetadata.encode(message.models[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                if (message.inputs != null && message.inputs.length)
                    for (let i = 0; i < message.inputs.length; ++i)
                        $root.seldon.protos.SeldonMessageMetadata.encode(message.inputs[i], writer.uint32(26).fork(), q + 1).ldelim();
                if (message.outputs != null && message.outputs.length)
                    for (let i = 0; i < message.outputs.length; ++i)
                        $root.seldon.protos.SeldonMessageMetadata.encode(message.outputs[i], writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            SeldonGraphMetadata.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            SeldonGraphMetadata.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.seldon.protos.SeldonGraphMetadata();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            if (message.models === $util.emptyObject)
                                message.models = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.seldon.protos.SeldonModelMetadata.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.models, key);
                            message.models[key] = value;
                            break;
                        }
                    case 3: {
                            if (!(message.inputs && message.inputs.length))
                                message.inputs = [];
                            message.inputs.push($root.seldon.protos.SeldonMessageMetadata.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 4: {
                            if (!(message.outputs && message.outputs.length))
                                message.outputs = [];
                            message.outputs.push($root.seldon.protos.SeldonMessageMetadata.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SeldonGraphMetadata.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            SeldonGraphMetadata.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.models != null && Object.hasOwnProperty.call(message, "models")) {
                    if (!$util.isObject(message.models))
                        return "models: object expected";
                    let key = Object.keys(message.models);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.seldon.protos.SeldonModelMetadata.verify(message.models[key[i]], long + 1);
                        if (error)
                            return "models." + error;
                    }
                }
                if (message.inputs != null && Object.hasOwnProperty.call(message, "inputs")) {
                    if (!Array.isArray(message.inputs))
                        return "inputs: array expected";
                    for (let i = 0; i < message.inputs.length; ++i) {
                        let error = $root.seldon.protos.SeldonMessageMetadata.verify(message.inputs[i], long + 1);
                        if (error)
                            return "inputs." + error;
                    }
                }
                if (message.outputs != null && Object.hasOwnProperty.call(message, "outputs")) {
                    if (!Array.isArray(message.outputs))
                        return "outputs: array expected";
                    for (let i = 0; i < message.outputs.length; ++i) {
                        let error = $root.seldon.protos.SeldonMessageMetadata.verify(message.outputs[i], long + 1);
                        if (error)
                            return "outputs." + error;
                    }
                }
                return null;
            };

            SeldonGraphMetadata.fromObject = function fromObject(object, long) {
                if (object instanceof $root.seldon.protos.SeldonGraphMetadata)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".seldon.protos.SeldonGraphMetadata: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.seldon.protos.SeldonGraphMetadata();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.models) {
                    if (!$util.isObject(object.models))
                        throw TypeError(".seldon.protos.SeldonGraphMetadata.models: object expected");
                    message.models = {};
                    for (let keys = Object.keys(object.models), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.models, keys[i]);
                        if (!$util.isObject(object.models[keys[i]]))
                            throw TypeError(".seldon.protos.SeldonGraphMetadata.models: object expected");
                        message.models[keys[i]] = $root.seldon.protos.SeldonModelMetadata.fromObject(object.models[keys[i]], long + 1);
                    }
                }
                if (object.inputs) {
                    if (!Array.isArray(object.inputs))
                        throw TypeError(".seldon.protos.SeldonGraphMetadata.inputs: array expected");
                    message.inputs = [];
                    for (let i = 0; i < object.inputs.length; ++i) {
                        if (!$util.isObject(object.inputs[i]))
                            throw TypeError(".seldon.protos.SeldonGraphMetadata.inputs: object expected");
                        message.inputs[i] = $root.seldon.protos.SeldonMessageMetadata.fromObject(object.inputs[i], long + 1);
                    }
                }
                if (object.outputs) {
                    if (!Array.isArray(object.outputs))
                        throw TypeError(".seldon.protos.SeldonGraphMetadata.outputs: array expected");
                    message.outputs = [];
                    for (let i = 0; i < object.outputs.length; ++i) {
                        if (!$util.isObject(object.outputs[i]))
                            throw TypeError(".seldon.protos.SeldonGraphMetadata.outputs: object expected");
                        message.outputs[i] = $root.seldon.protos.SeldonMessageMetadata.fromObject(object.outputs[i], long + 1);
                    }
                }
                return message;
            };

            SeldonGraphMetadata.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.inputs = [];
                    object.outputs = [];
                }
                if (options.objects || options.defaults)
                    object.models = {};
                if (options.defaults)
                    object.name = "";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                let keys2;
                if (message.models && (keys2 = Object.keys(message.models)).length) {
                    object.models = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.models, keys2[j]);
                        object.models[keys2[j]] = $root.seldon.protos.SeldonModelMetadata.toObject(message.models[keys2[j]], options, q + 1);
                    }
                }
                if (message.inputs && message.inputs.length) {
                    object.inputs = [];
                    for (let j = 0; j < message.inputs.length; ++j)
                        object.inputs[j] = $root.seldon.protos.SeldonMessageMetadata.toObject(message.inputs[j], options, q + 1);
                }
                if (message.outputs && message.outputs.length) {
                    object.outputs = [];
                    for (let j = 0; j < message.outputs.length; ++j)
                        object.outputs[j] = $root.seldon.protos.SeldonMessageMetadata.toObject(message.outputs[j], options, q + 1);
                }
                return object;
            };

            SeldonGraphMetadata.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            SeldonGraphMetadata.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/seldon.protos.SeldonGraphMetadata";
            };

            return SeldonGraphMetadata;
        })();

        protos.Generic = (function() {

            function Generic(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (Generic.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = Generic;

            Generic.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(Generic.prototype.transformInput = function transformInput(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, transformInput, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "TransformInput" });


            Object.defineProperty(Generic.prototype.transformOutput = function transformOutput(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, transformOutput, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "TransformOutput" });


            Object.defineProperty(Generic.prototype.route = function route(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, route, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "Route" });


            Object.defineProperty(Generic.prototype.aggregate = function aggregate(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, aggregate, $root.seldon.protos.SeldonMessageList, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "Aggregate" });


            Object.defineProperty(Generic.prototype.sendFeedback = function sendFeedback(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, sendFeedback, $root.seldon.protos.Feedback, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "SendFeedback" });

            return Generic;
        })();

        protos.Model = (function() {

            function Model(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (Model.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = Model;

            Model.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(Model.prototype.predict = function predict(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, predict, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "Predict" });


            Object.defineProperty(Model.prototype.sendFeedback = function sendFeedback(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, sendFeedback, $root.seldon.protos.Feedback, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "SendFeedback" });


            Object.defineProperty(Model.prototype.metadata = function metadata(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, metadata, $root.google.protobuf.Empty, $root.seldon.protos.SeldonModelMetadata, request, callback);
            }, "name", { value: "Metadata" });

            return Model;
        })();

        protos.Router = (function() {

            function Router(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (Router.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = Router;

            Router.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(Router.prototype.route = function route(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, route, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "Route" });


            Object.defineProperty(Router.prototype.sendFeedback = function sendFeedback(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, sendFeedback, $root.seldon.protos.Feedback, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "SendFeedback" });

            return Router;
        })();

        protos.Transformer = (function() {

            function Transformer(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (Transformer.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = Transformer;

            Transformer.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(Transformer.prototype.transformInput = function transformInput(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, transformInput, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "TransformInput" });

            return Transformer;
        })();

        protos.OutputTransformer = (function() {

            function OutputTransformer(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (OutputTransformer.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = OutputTransformer;

            OutputTransformer.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(OutputTransformer.prototype.transformOutput = function transformOutput(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, transformOutput, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "TransformOutput" });

            return OutputTransformer;
        })();

        protos.Combiner = (function() {

            function Combiner(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (Combiner.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = Combiner;

            Combiner.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(Combiner.prototype.aggregate = function aggregate(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, aggregate, $root.seldon.protos.SeldonMessageList, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "Aggregate" });

            return Combiner;
        })();

        protos.Seldon = (function() {

            function Seldon(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            }

            (Seldon.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = Seldon;

            Seldon.create = function create(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };


            Object.defineProperty(Seldon.prototype.predict = function predict(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, predict, $root.seldon.protos.SeldonMessage, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "Predict" });


            Object.defineProperty(Seldon.prototype.sendFeedback = function sendFeedback(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, sendFeedback, $root.seldon.protos.Feedback, $root.seldon.protos.SeldonMessage, request, callback);
            }, "name", { value: "SendFeedback" });


            Object.defineProperty(Seldon.prototype.modelMetadata = function modelMetadata(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, modelMetadata, $root.seldon.protos.SeldonModelMetadataRequest, $root.seldon.protos.SeldonModelMetadata, request, callback);
            }, "name", { value: "ModelMetadata" });


            Object.defineProperty(Seldon.prototype.graphMetadata = function graphMetadata(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, graphMetadata, $root.google.protobuf.Empty, $root.seldon.protos.SeldonGraphMetadata, request, callback);
            }, "name", { value: "GraphMetadata" });

            return Seldon;
        })();

        return protos;
    })();

    return seldon;
})();

export const google = $root.google = (() => {

    const google = {};

    google.protobuf = (function() {

        const protobuf = {};

        protobuf.Any = (function() {

            function Any(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Any.prototype.type_url = "";
            Any.prototype.value = $util.newBuffer([]);

            Any.create = function create(properties) {
                return new Any(properties);
            };

            Any.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.type_url != null && Object.hasOwnProperty.call(message, "type_url"))
                    writer.uint32(10).string(message.type_url);
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    writer.uint32(18).bytes(message.value);
                return writer;
            };

            Any.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Any.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Any();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.type_url = reader.string();
                            break;
                        }
                    case 2: {
                            message.value = reader.bytes();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Any.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Any.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.type_url != null && Object.hasOwnProperty.call(message, "type_url"))
                    if (!$util.isString(message.type_url))
                        return "type_url: string expected";
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    if (!(message.value && typeof message.value.length === "number" || $util.isString(message.value)))
                        return "value: buffer expected";
                return null;
            };

            Any.fromObject = function fromObject(object, long) {
                if (object instanceof $root.google.protobuf.Any)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".google.protobuf.Any: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.google.protobuf.Any();
                if (object.type_url != null)
                    message.type_url = String(object.type_url);
                if (object.value != null)
                    if (typeof object.value === "string")
                        $util.base64.decode(object.value, message.value = $util.newBuffer($util.base64.length(object.value)), 0);
                    else if (object.value.length >= 0)
                        message.value = object.value;
                return message;
            };

            Any.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.type_url = "";
                    if (options.bytes === String)
                        object.value = "";
                    else {
                        object.value = [];
                        if (options.bytes !== Array)
                            object.value = $util.newBuffer(object.value);
                    }
                }
                if (message.type_url != null && Object.hasOwnProperty.call(message, "type_url"))
                    object.type_url = message.type_url;
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    object.value = options.bytes === String ? $util.base64.encode(message.value, 0, message.value.length) : options.bytes === Array ? Array.prototype.slice.call(message.value) : message.value;
                return object;
            };

            Any.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Any.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/google.protobuf.Any";
            };

            return Any;
        })();

        protobuf.Struct = (function() {

            function Struct(properties) {
                this.fields = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Struct.prototype.fields = $util.emptyObject;

            Struct.create = function create(properties) {
                return new Struct(properties);
            };

            Struct.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.fields != null && Object.hasOwnProperty.call(message, "fields"))
                    for (let keys = Object.keys(message.fields), i = 0; i < keys.length; ++i) {
                        writer.uint32(10).fork().uint32(10).string(keys[i]);
                        $root.google.protobuf.Value.encode(message.fields[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                return writer;
            };

            Struct.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Struct.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Struct();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (message.fields === $util.emptyObject)
                                message.fields = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.fields, key);
                            message.fields[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Struct.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Struct.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.fields != null && Object.hasOwnProperty.call(message, "fields")) {
                    if (!$util.isObject(message.fields))
                        return "fields: object expected";
                    let key = Object.keys(message.fields);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.google.protobuf.Value.verify(message.fields[key[i]], long + 1);
                        if (error)
                            return "fields." + error;
                    }
                }
                return null;
            };

            Struct.fromObject = function fromObject(object, long) {
                if (object instanceof $root.google.protobuf.Struct)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".google.protobuf.Struct: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.google.protobuf.Struct();
                if (object.fields) {
                    if (!$util.isObject(object.fields))
                        throw TypeError(".google.protobuf.Struct.fields: object expected");
                    message.fields = {};
                    for (let keys = Object.keys(object.fields), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.fields, keys[i]);
                        if (!$util.isObject(object.fields[keys[i]]))
                            throw TypeError(".google.protobuf.Struct.fields: object expected");
                        message.fields[keys[i]] = $root.google.protobuf.Value.fromObject(object.fields[keys[i]], long + 1);
                    }
                }
                return message;
            };

            Struct.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.fields = {};
                let keys2;
                if (message.fields && (keys2 = Object.keys(message.fields)).length) {
                    object.fields = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.fields, keys2[j]);
                        object.fields[keys2[j]] = $root.google.protobuf.Value.toObject(message.fields[keys2[j]], options, q + 1);
                    }
                }
                return object;
            };

            Struct.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Struct.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/google.protobuf.Struct";
            };

            return Struct;
        })();

        protobuf.Value = (function() {

            function Value(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Value.prototype.nullValue = null;
            Value.prototype.numberValue = null;
            Value.prototype.stringValue = null;
            Value.prototype.boolValue = null;
            Value.prototype.structValue = null;
            Value.prototype.listValue = null;

            let $oneOfFields;

            Object.defineProperty(Value.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["nullValue", "numberValue", "stringValue", "boolValue", "structValue", "listValue"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            Value.create = function create(properties) {
                return new Value(properties);
            };

            Value.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.nullValue != null && Object.hasOwnProperty.call(message, "nullValue"))
                    writer.uint32(8).int32(message.nullValue);
                if (message.numberValue != null && Object.hasOwnProperty.call(message, "numberValue"))
                    writer.uint32(17).double(message.numberValue);
                if (message.stringValue != null && Object.hasOwnProperty.call(message, "stringValue"))
                    writer.uint32(26).string(message.stringValue);
                if (message.boolValue != null && Object.hasOwnProperty.call(message, "boolValue"))
                    writer.uint32(32).bool(message.boolValue);
                if (message.structValue != null && Object.hasOwnProperty.call(message, "structValue"))
                    $root.google.protobuf.Struct.encode(message.structValue, writer.uint32(42).fork(), q + 1).ldelim();
                if (message.listValue != null && Object.hasOwnProperty.call(message, "listValue"))
                    $root.google.protobuf.ListValue.encode(message.listValue, writer.uint32(50).fork(), q + 1).ldelim();
                return writer;
            };

            Value.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Value.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Value();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.nullValue = reader.int32();
                            break;
                        }
                    case 2: {
                            message.numberValue = reader.double();
                            break;
                        }
                    case 3: {
                            message.stringValue = reader.string();
                            break;
                        }
                    case 4: {
                            message.boolValue = reader.bool();
                            break;
                        }
                    case 5: {
                            message.structValue = $root.google.protobuf.Struct.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 6: {
                            message.listValue = $root.google.protobuf.ListValue.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Value.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Value.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                let properties = {};
                if (message.nullValue != null && Object.hasOwnProperty.call(message, "nullValue")) {
                    properties.kind = 1;
                    switch (message.nullValue) {
                    default:
                        return "nullValue: enum value expected";
                    case 0:
                        break;
                    }
                }
                if (message.numberValue != null && Object.hasOwnProperty.call(message, "numberValue")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    if (typeof message.numberValue !== "number")
                        return "numberValue: number expected";
                }
                if (message.stringValue != null && Object.hasOwnProperty.call(message, "stringValue")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    if (!$util.isString(message.stringValue))
                        return "stringValue: string expected";
                }
                if (message.boolValue != null && Object.hasOwnProperty.call(message, "boolValue")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    if (typeof message.boolValue !== "boolean")
                        return "boolValue: boolean expected";
                }
                if (message.structValue != null && Object.hasOwnProperty.call(message, "structValue")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.google.protobuf.Struct.verify(message.structValue, long + 1);
                        if (error)
                            return "structValue." + error;
                    }
                }
                if (message.listValue != null && Object.hasOwnProperty.call(message, "listValue")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.google.protobuf.ListValue.verify(message.listValue, long + 1);
                        if (error)
                            return "listValue." + error;
                    }
                }
                return null;
            };

            Value.fromObject = function fromObject(object, long) {
                if (object instanceof $root.google.protobuf.Value)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".google.protobuf.Value: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.google.protobuf.Value();
                switch (object.nullValue) {
                default:
                    if (typeof object.nullValue === "number") {
                        message.nullValue = object.nullValue;
                        break;
                    }
                    break;
                case "NULL_VALUE":
                case 0:
                    message.nullValue = 0;
                    break;
                }
                if (object.numberValue != null)
                    message.numberValue = Number(object.numberValue);
                if (object.stringValue != null)
                    message.stringValue = String(object.stringValue);
                if (object.boolValue != null)
                    message.boolValue = Boolean(object.boolValue);
                if (object.structValue != null) {
                    if (!$util.isObject(object.structValue))
                        throw TypeError(".google.protobuf.Value.structValue: object expected");
                    message.structValue = $root.google.protobuf.Struct.fromObject(object.structValue, long + 1);
                }
                if (object.listValue != null) {
                    if (!$util.isObject(object.listValue))
                        throw TypeError(".google.protobuf.Value.listValue: object expected");
                    message.listValue = $root.google.protobuf.ListValue.fromObject(object.listValue, long + 1);
                }
                return message;
            };

            Value.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (message.nullValue != null && Object.hasOwnProperty.call(message, "nullValue")) {
                    object.nullValue = options.enums === String ? $root.google.protobuf.NullValue[message.nullValue] === undefined ? message.nullValue : $root.google.protobuf.NullValue[message.nullValue] : message.nullValue;
                    if (options.oneofs)
                        object.kind = "nullValue";
                }
                if (message.numberValue != null && Object.hasOwnProperty.call(message, "numberValue")) {
                    object.numberValue = options.json && !isFinite(message.numberValue) ? String(message.numberValue) : message.numberValue;
                    if (options.oneofs)
                        object.kind = "numberValue";
                }
                if (message.stringValue != null && Object.hasOwnProperty.call(message, "stringValue")) {
                    object.stringValue = message.stringValue;
                    if (options.oneofs)
                        object.kind = "stringValue";
                }
                if (message.boolValue != null && Object.hasOwnProperty.call(message, "boolValue")) {
                    object.boolValue = message.boolValue;
                    if (options.oneofs)
                        object.kind = "boolValue";
                }
                if (message.structValue != null && Object.hasOwnProperty.call(message, "structValue")) {
                    object.structValue = $root.google.protobuf.Struct.toObject(message.structValue, options, q + 1);
                    if (options.oneofs)
                        object.kind = "structValue";
                }
                if (message.listValue != null && Object.hasOwnProperty.call(message, "listValue")) {
                    object.listValue = $root.google.protobuf.ListValue.toObject(message.listValue, options, q + 1);
                    if (options.oneofs)
                        object.kind = "listValue";
                }
                return object;
            };

            Value.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Value.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/google.protobuf.Value";
            };

            return Value;
        })();

        protobuf.NullValue = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "NULL_VALUE"] = 0;
            return values;
        })();

        protobuf.ListValue = (function() {

            function ListValue(properties) {
                this.values = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ListValue.prototype.values = $util.emptyArray;

            ListValue.create = function create(properties) {
                return new ListValue(properties);
            };

            ListValue.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.values != null && message.values.length)
                    for (let i = 0; i < message.values.length; ++i)
                        $root.google.protobuf.Value.encode(message.values[i], writer.uint32(10).fork(), q + 1).ldelim();
                return writer;
            };

            ListValue.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            ListValue.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.ListValue();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.values && message.values.length))
                                message.values = [];
                            message.values.push($root.google.protobuf.Value.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ListValue.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            ListValue.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.values != null && Object.hasOwnProperty.call(message, "values")) {
                    if (!Array.isArray(message.values))
                        return "values: array expected";
                    for (let i = 0; i < message.values.length; ++i) {
                        let error = $root.google.protobuf.Value.verify(message.values[i], long + 1);
                        if (error)
                            return "values." + error;
                    }
                }
                return null;
            };

            ListValue.fromObject = function fromObject(object, long) {
                if (object instanceof $root.google.protobuf.ListValue)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".google.protobuf.ListValue: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.google.protobuf.ListValue();
                if (object.values) {
                    if (!Array.isArray(object.values))
                        throw TypeError(".google.protobuf.ListValue.values: array expected");
                    message.values = [];
                    for (let i = 0; i < object.values.length; ++i) {
                        if (!$util.isObject(object.values[i]))
                            throw TypeError(".google.protobuf.ListValue.values: object expected");
                        message.values[i] = $root.google.protobuf.Value.fromObject(object.values[i], long + 1);
                    }
                }
                return message;
            };

            ListValue.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.values = [];
                if (message.values && message.values.length) {
                    object.values = [];
                    for (let j = 0; j < message.values.length; ++j)
                        object.values[j] = $root.google.protobuf.Value.toObject(message.values[j], options, q + 1);
                }
                return object;
            };

            ListValue.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            ListValue.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/google.protobuf.ListValue";
            };

            return ListValue;
        })();

        protobuf.Empty = (function() {

            function Empty(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Empty.create = function create(properties) {
                return new Empty(properties);
            };

            Empty.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                return writer;
            };

            Empty.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Empty.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.google.protobuf.Empty();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Empty.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Empty.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                return null;
            };

            Empty.fromObject = function fromObject(object, long) {
                if (object instanceof $root.google.protobuf.Empty)
                    return object;
                return new $root.google.protobuf.Empty();
            };

            Empty.toObject = function toObject() {
                return {};
            };

            Empty.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Empty.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/google.protobuf.Empty";
            };

            return Empty;
        })();

        return protobuf;
    })();

    return google;
})();

export const tensorflow = $root.tensorflow = (() => {

    const tensorflow = {};

    tensorflow.TensorProto = (function() {

        function TensorProto(properties) {
            this.halfVal = [];
            this.floatVal = [];
            this.doubleVal = [];
            this.intVal = [];
            this.stringVal = [];
            this.scomplexVal = [];
            this.int64Val = [];
            this.boolVal = [];
            this.dcomplexVal = [];
            this.uint32Val = [];
            this.uint64Val = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        TensorProto.prototype.dtype = 0;
        TensorProto.prototype.tensorShape = null;
        TensorProto.prototype.versionNumber = 0;
        TensorProto.prototype.tensorContent = $util.newBuffer([]);
        TensorProto.prototype.halfVal = $util.emptyArray;
        TensorProto.prototype.floatVal = $util.emptyArray;
        TensorProto.prototype.doubleVal = $util.emptyArray;
        TensorProto.prototype.intVal = $util.emptyArray;
        TensorProto.prototype.stringVal = $util.emptyArray;
        TensorProto.prototype.scomplexVal = $util.emptyArray;
        TensorProto.prototype.int64Val = $util.emptyArray;
        TensorProto.prototype.boolVal = $util.emptyArray;
        TensorProto.prototype.dcomplexVal = $util.emptyArray;
        TensorProto.prototype.uint32Val = $util.emptyArray;
        TensorProto.prototype.uint64Val = $util.emptyArray;
        TensorProto.prototype.float8Val = $util.newBuffer([]);

        TensorProto.create = function create(properties) {
            return new TensorProto(properties);
        };

        TensorProto.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.dtype != null && Object.hasOwnProperty.call(message, "dtype"))
                writer.uint32(8).int32(message.dtype);
            if (message.tensorShape != null && Object.hasOwnProperty.call(message, "tensorShape"))
                $root.tensorflow.TensorShapeProto.encode(message.tensorShape, writer.uint32(18).fork(), q + 1).ldelim();
            if (message.versionNumber != null && Object.hasOwnProperty.call(message, "versionNumber"))
                writer.uint32(24).int32(message.versionNumber);
            if (message.tensorContent != null && Object.hasOwnProperty.call(message, "tensorContent"))
                writer.uint32(34).bytes(message.tensorContent);
            if (message.floatVal != null && message.floatVal.length) {
                writer.uint32(42).fork();
                for (let i = 0; i < message.floatVal.length; ++i)
                    writer.float(message.floatVal[i]);
                writer.ldelim();
            }
            if (message.doubleVal != null && message.doubleVal.length) {
                writer.uint32(50).fork();
                for (let i = 0; i < message.doubleVal.length; ++i)
                    writer.double(message.doubleVal[i]);
                writer.ldelim();
            }
            if (message.intVal != null && message.intVal.length) {
                writer.uint32(58).fork();
                for (let i = 0; i < message.intVal.length; ++i)
                    writer.int32(message.intVal[i]);
                writer.ldelim();
            }
            if (message.stringVal != null && message.stringVal.length)
                for (let i = 0; i < message.stringVal.length; ++i)
                    writer.uint32(66).bytes(message.stringVal[i]);
            if (message.scomplexVal != null && message.scomplexVal.length) {
                writer.uint32(74).fork();
                for (let i = 0; i < message.scomplexVal.length; ++i)
                    writer.float(message.scomplexVal[i]);
                writer.ldelim();
            }
            if (message.int64Val != null && message.int64Val.length) {
                writer.uint32(82).fork();
                for (let i = 0; i < message.int64Val.length; ++i)
                    writer.int64(message.int64Val[i]);
                writer.ldelim();
            }
            if (message.boolVal != null && message.boolVal.length) {
                writer.uint32(90).fork();
                for (let i = 0; i < message.boolVal.length; ++i)
                    writer.bool(message.boolVal[i]);
                writer.ldelim();
            }
            if (message.dcomplexVal != null && message.dcomplexVal.length) {
                writer.uint32(98).fork();
                for (let i = 0; i < message.dcomplexVal.length; ++i)
                    writer.double(message.dcomplexVal[i]);
                writer.ldelim();
            }
            if (message.halfVal != null && message.halfVal.length) {
                writer.uint32(106).fork();
                for (let i = 0; i < message.halfVal.length; ++i)
                    writer.int32(message.halfVal[i]);
                writer.ldelim();
            }
            if (message.uint32Val != null && message.uint32Val.length) {
                writer.uint32(130).fork();
                for (let i = 0; i < message.uint32Val.length; ++i)
                    writer.uint32(message.uint32Val[i]);
                writer.ldelim();
            }
            if (message.uint64Val != null && message.uint64Val.length) {
                writer.uint32(138).fork();
                for (let i = 0; i < message.uint64Val.length; ++i)
                    writer.uint64(message.uint64Val[i]);
                writer.ldelim();
            }
            if (message.float8Val != null && Object.hasOwnProperty.call(message, "float8Val"))
                writer.uint32(146).bytes(message.float8Val);
            return writer;
        };

        TensorProto.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        TensorProto.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.tensorflow.TensorProto();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.dtype = reader.int32();
                        break;
                    }
                case 2: {
                        message.tensorShape = $root.tensorflow.TensorShapeProto.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 3: {
                        message.versionNumber = reader.int32();
                        break;
                    }
                case 4: {
                        message.tensorContent = reader.bytes();
                        break;
                    }
                case 13: {
                        if (!(message.halfVal && message.halfVal.length))
                            message.halfVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.halfVal.push(reader.int32());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.halfVal.push(reader.int32());
                        break;
                    }
                case 5: {
                        if (!(message.floatVal && message.floatVal.length))
                            message.floatVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.floatVal.push(reader.float());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.floatVal.push(reader.float());
                        break;
                    }
                case 6: {
                        if (!(message.doubleVal && message.doubleVal.length))
                            message.doubleVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.doubleVal.push(reader.double());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.doubleVal.push(reader.double());
                        break;
                    }
                case 7: {
                        if (!(message.intVal && message.intVal.length))
                            message.intVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.intVal.push(reader.int32());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.intVal.push(reader.int32());
                        break;
                    }
                case 8: {
                        if (!(message.stringVal && message.stringVal.length))
                            message.stringVal = [];
                        message.stringVal.push(reader.bytes());
                        break;
                    }
                case 9: {
                        if (!(message.scomplexVal && message.scomplexVal.length))
                            message.scomplexVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.scomplexVal.push(reader.float());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.scomplexVal.push(reader.float());
                        break;
                    }
                case 10: {
                        if (!(message.int64Val && message.int64Val.length))
                            message.int64Val = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.int64Val.push(reader.int64());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.int64Val.push(reader.int64());
                        break;
                    }
                case 11: {
                        if (!(message.boolVal && message.boolVal.length))
                            message.boolVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.boolVal.push(reader.bool());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.boolVal.push(reader.bool());
                        break;
                    }
                case 12: {
                        if (!(message.dcomplexVal && message.dcomplexVal.length))
                            message.dcomplexVal = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.dcomplexVal.push(reader.double());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.dcomplexVal.push(reader.double());
                        break;
                    }
                case 16: {
                        if (!(message.uint32Val && message.uint32Val.length))
                            message.uint32Val = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.uint32Val.push(reader.uint32());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.uint32Val.push(reader.uint32());
                        break;
                    }
                case 17: {
                        if (!(message.uint64Val && message.uint64Val.length))
                            message.uint64Val = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.uint64Val.push(reader.uint64());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.uint64Val.push(reader.uint64());
                        break;
                    }
                case 18: {
                        message.float8Val = reader.bytes();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        TensorProto.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        TensorProto.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.dtype != null && Object.hasOwnProperty.call(message, "dtype"))
                switch (message.dtype) {
                default:
                    return "dtype: enum value expected";
                case 0:
                case 1:
                case 2:
                case 3:
                case 4:
                case 5:
                case 6:
                case 7:
                case 8:
                case 9:
                case 10:
                case 11:
                case 12:
                case 13:
                case 14:
                case 15:
                case 16:
                case 17:
                case 18:
                case 19:
                case 20:
                case 21:
                case 22:
                case 23:
                    break;
                }
            if (message.tensorShape != null && Object.hasOwnProperty.call(message, "tensorShape")) {
                let error = $root.tensorflow.TensorShapeProto.verify(message.tensorShape, long + 1);
                if (error)
                    return "tensorShape." + error;
            }
            if (message.versionNumber != null && Object.hasOwnProperty.call(message, "versionNumber"))
                if (!$util.isInteger(message.versionNumber))
                    return "versionNumber: integer expected";
            if (message.tensorContent != null && Object.hasOwnProperty.call(message, "tensorContent"))
                if (!(message.tensorContent && typeof message.tensorContent.length === "number" || $util.isString(message.tensorContent)))
                    return "tensorContent: buffer expected";
            if (message.halfVal != null && Object.hasOwnProperty.call(message, "halfVal")) {
                if (!Array.isArray(message.halfVal))
                    return "halfVal: array expected";
                for (let i = 0; i < message.halfVal.length; ++i)
                    if (!$util.isInteger(message.halfVal[i]))
                        return "halfVal: integer[] expected";
            }
            if (message.floatVal != null && Object.hasOwnProperty.call(message, "floatVal")) {
                if (!Array.isArray(message.floatVal))
                    return "floatVal: array expected";
                for (let i = 0; i < message.floatVal.length; ++i)
                    if (typeof message.floatVal[i] !== "number")
                        return "floatVal: number[] expected";
            }
            if (message.doubleVal != null && Object.hasOwnProperty.call(message, "doubleVal")) {
                if (!Array.isArray(message.doubleVal))
                    return "doubleVal: array expected";
                for (let i = 0; i < message.doubleVal.length; ++i)
                    if (typeof message.doubleVal[i] !== "number")
                        return "doubleVal: number[] expected";
            }
            if (message.intVal != null && Object.hasOwnProperty.call(message, "intVal")) {
                if (!Array.isArray(message.intVal))
                    return "intVal: array expected";
                for (let i = 0; i < message.intVal.length; ++i)
                    if (!$util.isInteger(message.intVal[i]))
                        return "intVal: integer[] expected";
            }
            if (message.stringVal != null && Object.hasOwnProperty.call(message, "stringVal")) {
                if (!Array.isArray(message.stringVal))
                    return "stringVal: array expected";
                for (let i = 0; i < message.stringVal.length; ++i)
                    if (!(message.stringVal[i] && typeof message.stringVal[i].length === "number" || $util.isString(message.stringVal[i])))
                        return "stringVal: buffer[] expected";
            }
            if (message.scomplexVal != null && Object.hasOwnProperty.call(message, "scomplexVal")) {
                if (!Array.isArray(message.scomplexVal))
                    return "scomplexVal: array expected";
                for (let i = 0; i < message.scomplexVal.length; ++i)
                    if (typeof message.scomplexVal[i] !== "number")
                        return "scomplexVal: number[] expected";
            }
            if (message.int64Val != null && Object.hasOwnProperty.call(message, "int64Val")) {
                if (!Array.isArray(message.int64Val))
                    return "int64Val: array expected";
                for (let i = 0; i < message.int64Val.length; ++i)
                    if (!$util.isInteger(message.int64Val[i]) && !(message.int64Val[i] && $util.isInteger(message.int64Val[i].low) && $util.isInteger(message.int64Val[i].high)))
                        return "int64Val: integer|Long[] expected";
            }
            if (message.boolVal != null && Object.hasOwnProperty.call(message, "boolVal")) {
                if (!Array.isArray(message.boolVal))
                    return "boolVal: array expected";
                for (let i = 0; i < message.boolVal.length; ++i)
                    if (typeof message.boolVal[i] !== "boolean")
                        return "boolVal: boolean[] expected";
            }
            if (message.dcomplexVal != null && Object.hasOwnProperty.call(message, "dcomplexVal")) {
                if (!Array.isArray(message.dcomplexVal))
                    return "dcomplexVal: array expected";
                for (let i = 0; i < message.dcomplexVal.length; ++i)
                    if (typeof message.dcomplexVal[i] !== "number")
                        return "dcomplexVal: number[] expected";
            }
            if (message.uint32Val != null && Object.hasOwnProperty.call(message, "uint32Val")) {
                if (!Array.isArray(message.uint32Val))
                    return "uint32Val: array expected";
                for (let i = 0; i < message.uint32Val.length; ++i)
                    if (!$util.isInteger(message.uint32Val[i]))
                        return "uint32Val: integer[] expected";
            }
            if (message.uint64Val != null && Object.hasOwnProperty.call(message, "uint64Val")) {
                if (!Array.isArray(message.uint64Val))
                    return "uint64Val: array expected";
                for (let i = 0; i < message.uint64Val.length; ++i)
                    if (!$util.isInteger(message.uint64Val[i]) && !(message.uint64Val[i] && $util.isInteger(message.uint64Val[i].low) && $util.isInteger(message.uint64Val[i].high)))
                        return "uint64Val: integer|Long[] expected";
            }
            if (message.float8Val != null && Object.hasOwnProperty.call(message, "float8Val"))
                if (!(message.float8Val && typeof message.float8Val.length === "number" || $util.isString(message.float8Val)))
                    return "float8Val: buffer expected";
            return null;
        };

        TensorProto.fromObject = function fromObject(object, long) {
            if (object instanceof $root.tensorflow.TensorProto)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".tensorflow.TensorProto: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.tensorflow.TensorProto();
            switch (object.dtype) {
            default:
                if (typeof object.dtype === "number") {
                    message.dtype = object.dtype;
                    break;
                }
                break;
            case "DT_INVALID":
            case 0:
                message.dtype = 0;
                break;
            case "DT_FLOAT":
            case 1:
                message.dtype = 1;
                break;
            case "DT_DOUBLE":
            case 2:
                message.dtype = 2;
                break;
            case "DT_INT32":
            case 3:
                message.dtype = 3;
                break;
            case "DT_UINT8":
            case 4:
                message.dtype = 4;
                break;
            case "DT_INT16":
            case 5:
                message.dtype = 5;
                break;
            case "DT_INT8":
            case 6:
                message.dtype = 6;
                break;
            case "DT_STRING":
            case 7:
                message.dtype = 7;
                break;
            case "DT_COMPLEX64":
            case 8:
                message.dtype = 8;
                break;
            case "DT_INT64":
            case 9:
                message.dtype = 9;
                break;
            case "DT_BOOL":
            case 10:
                message.dtype = 10;
                break;
            case "DT_QINT8":
            case 11:
                message.dtype = 11;
                break;
            case "DT_QUINT8":
            case 12:
                message.dtype = 12;
                break;
            case "DT_QINT32":
            case 13:
                message.dtype = 13;
                break;
            case "DT_BFLOAT16":
            case 14:
                message.dtype = 14;
                break;
            case "DT_QINT16":
            case 15:
                message.dtype = 15;
                break;
            case "DT_QUINT16":
            case 16:
                message.dtype = 16;
                break;
            case "DT_UINT16":
            case 17:
                message.dtype = 17;
                break;
            case "DT_COMPLEX128":
            case 18:
                message.dtype = 18;
                break;
            case "DT_HALF":
            case 19:
                message.dtype = 19;
                break;
            case "DT_RESOURCE":
            case 20:
                message.dtype = 20;
                break;
            case "DT_VARIANT":
            case 21:
                message.dtype = 21;
                break;
            case "DT_UINT32":
            case 22:
                message.dtype = 22;
                break;
            case "DT_UINT64":
            case 23:
                message.dtype = 23;
                break;
            }
            if (object.tensorShape != null) {
                if (!$util.isObject(object.tensorShape))
                    throw TypeError(".tensorflow.TensorProto.tensorShape: object expected");
                message.tensorShape = $root.tensorflow.TensorShapeProto.fromObject(object.tensorShape, long + 1);
            }
            if (object.versionNumber != null)
                message.versionNumber = object.versionNumber | 0;
            if (object.tensorContent != null)
                if (typeof object.tensorContent === "string")
                    $util.base64.decode(object.tensorContent, message.tensorContent = $util.newBuffer($util.base64.length(object.tensorContent)), 0);
                else if (object.tensorContent.length >= 0)
                    message.tensorContent = object.tensorContent;
            if (object.halfVal) {
                if (!Array.isArray(object.halfVal))
                    throw TypeError(".tensorflow.TensorProto.halfVal: array expected");
                message.halfVal = [];
                for (let i = 0; i < object.halfVal.length; ++i)
                    message.halfVal[i] = object.halfVal[i] | 0;
            }
            if (object.floatVal) {
                if (!Array.isArray(object.floatVal))
                    throw TypeError(".tensorflow.TensorProto.floatVal: array expected");
                message.floatVal = [];
                for (let i = 0; i < object.floatVal.length; ++i)
                    message.floatVal[i] = Number(object.floatVal[i]);
            }
            if (object.doubleVal) {
                if (!Array.isArray(object.doubleVal))
                    throw TypeError(".tensorflow.TensorProto.doubleVal: array expected");
                message.doubleVal = [];
                for (let i = 0; i < object.doubleVal.length; ++i)
                    message.doubleVal[i] = Number(object.doubleVal[i]);
            }
            if (object.intVal) {
                if (!Array.isArray(object.intVal))
                    throw TypeError(".tensorflow.TensorProto.intVal: array expected");
                message.intVal = [];
                for (let i = 0; i < object.intVal.length; ++i)
                    message.intVal[i] = object.intVal[i] | 0;
            }
            if (object.stringVal) {
                if (!Array.isArray(object.stringVal))
                    throw TypeError(".tensorflow.TensorProto.stringVal: array expected");
                message.stringVal = [];
                for (let i = 0; i < object.stringVal.length; ++i)
                    if (typeof object.stringVal[i] === "string")
                        $util.base64.decode(object.stringVal[i], message.stringVal[i] = $util.newBuffer($util.base64.length(object.stringVal[i])), 0);
                    else if (object.stringVal[i].length >= 0)
                        message.stringVal[i] = object.stringVal[i];
            }
            if (object.scomplexVal) {
                if (!Array.isArray(object.scomplexVal))
                    throw TypeError(".tensorflow.TensorProto.scomplexVal: array expected");
                message.scomplexVal = [];
                for (let i = 0; i < object.scomplexVal.length; ++i)
                    message.scomplexVal[i] = Number(object.scomplexVal[i]);
            }
            if (object.int64Val) {
                if (!Array.isArray(object.int64Val))
                    throw TypeError(".tensorflow.TensorProto.int64Val: array expected");
                message.int64Val = [];
                for (let i = 0; i < object.int64Val.length; ++i)
                    if ($util.Long)
                        message.int64Val[i] = $util.Long.fromValue(object.int64Val[i], false);
                    else if (typeof object.int64Val[i] === "string")
                        message.int64Val[i] = parseInt(object.int64Val[i], 10);
                    else if (typeof object.int64Val[i] === "number")
                        message.int64Val[i] = object.int64Val[i];
                    else if (typeof object.int64Val[i] === "object")
                        message.int64Val[i] = new $util.LongBits(object.int64Val[i].low >>> 0, object.int64Val[i].high >>> 0).toNumber();
            }
            if (object.boolVal) {
                if (!Array.isArray(object.boolVal))
                    throw TypeError(".tensorflow.TensorProto.boolVal: array expected");
                message.boolVal = [];
                for (let i = 0; i < object.boolVal.length; ++i)
                    message.boolVal[i] = Boolean(object.boolVal[i]);
            }
            if (object.dcomplexVal) {
                if (!Array.isArray(object.dcomplexVal))
                    throw TypeError(".tensorflow.TensorProto.dcomplexVal: array expected");
                message.dcomplexVal = [];
                for (let i = 0; i < object.dcomplexVal.length; ++i)
                    message.dcomplexVal[i] = Number(object.dcomplexVal[i]);
            }
            if (object.uint32Val) {
                if (!Array.isArray(object.uint32Val))
                    throw TypeError(".tensorflow.TensorProto.uint32Val: array expected");
                message.uint32Val = [];
                for (let i = 0; i < object.uint32Val.length; ++i)
                    message.uint32Val[i] = object.uint32Val[i] >>> 0;
            }
            if (object.uint64Val) {
                if (!Array.isArray(object.uint64Val))
                    throw TypeError(".tensorflow.TensorProto.uint64Val: array expected");
                message.uint64Val = [];
                for (let i = 0; i < object.uint64Val.length; ++i)
                    if ($util.Long)
                        message.uint64Val[i] = $util.Long.fromValue(object.uint64Val[i], true);
                    else if (typeof object.uint64Val[i] === "string")
                        message.uint64Val[i] = parseInt(object.uint64Val[i], 10);
                    else if (typeof object.uint64Val[i] === "number")
                        message.uint64Val[i] = object.uint64Val[i];
                    else if (typeof object.uint64Val[i] === "object")
                        message.uint64Val[i] = new $util.LongBits(object.uint64Val[i].low >>> 0, object.uint64Val[i].high >>> 0).toNumber(true);
            }
            if (object.float8Val != null)
                if (typeof object.float8Val === "string")
                    $util.base64.decode(object.float8Val, message.float8Val = $util.newBuffer($util.base64.length(object.float8Val)), 0);
                else if (object.float8Val.length >= 0)
                    message.float8Val = object.float8Val;
            return message;
        };

        TensorProto.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.floatVal = [];
                object.doubleVal = [];
                object.intVal = [];
                object.stringVal = [];
                object.scomplexVal = [];
                object.int64Val = [];
                object.boolVal = [];
                object.dcomplexVal = [];
                object.halfVal = [];
                object.uint32Val = [];
                object.uint64Val = [];
            }
            if (options.defaults) {
                object.dtype = options.enums === String ? "DT_INVALID" : 0;
                object.tensorShape = null;
                object.versionNumber = 0;
                if (options.bytes === String)
                    object.tensorContent = "";
                else {
                    object.tensorContent = [];
                    if (options.bytes !== Array)
                        object.tensorContent = $util.newBuffer(object.tensorContent);
                }
                if (options.bytes === String)
                    object.float8Val = "";
                else {
                    object.float8Val = [];
                    if (options.bytes !== Array)
                        object.float8Val = $util.newBuffer(object.float8Val);
                }
            }
            if (message.dtype != null && Object.hasOwnProperty.call(message, "dtype"))
                object.dtype = options.enums === String ? $root.tensorflow.DataType[message.dtype] === undefined ? message.dtype : $root.tensorflow.DataType[message.dtype] : message.dtype;
            if (message.tensorShape != null && Object.hasOwnProperty.call(message, "tensorShape"))
                object.tensorShape = $root.tensorflow.TensorShapeProto.toObject(message.tensorShape, options, q + 1);
            if (message.versionNumber != null && Object.hasOwnProperty.call(message, "versionNumber"))
                object.versionNumber = message.versionNumber;
            if (message.tensorContent != null && Object.hasOwnProperty.call(message, "tensorContent"))
                object.tensorContent = options.bytes === String ? $util.base64.encode(message.tensorContent, 0, message.tensorContent.length) : options.bytes === Array ? Array.prototype.slice.call(message.tensorContent) : message.tensorContent;
            if (message.floatVal && message.floatVal.length) {
                object.floatVal = [];
                for (let j = 0; j < message.floatVal.length; ++j)
                    object.floatVal[j] = options.json && !isFinite(message.floatVal[j]) ? String(message.floatVal[j]) : message.floatVal[j];
            }
            if (message.doubleVal && message.doubleVal.length) {
                object.doubleVal = [];
                for (let j = 0; j < message.doubleVal.length; ++j)
                    object.doubleVal[j] = options.json && !isFinite(message.doubleVal[j]) ? String(message.doubleVal[j]) : message.doubleVal[j];
            }
            if (message.intVal && message.intVal.length) {
                object.intVal = [];
                for (let j = 0; j < message.intVal.length; ++j)
                    object.intVal[j] = message.intVal[j];
            }
            if (message.stringVal && message.stringVal.length) {
                object.stringVal = [];
                for (let j = 0; j < message.stringVal.length; ++j)
                    object.stringVal[j] = options.bytes === String ? $util.base64.encode(message.stringVal[j], 0, message.stringVal[j].length) : options.bytes === Array ? Array.prototype.slice.call(message.stringVal[j]) : message.stringVal[j];
            }
            if (message.scomplexVal && message.scomplexVal.length) {
                object.scomplexVal = [];
                for (let j = 0; j < message.scomplexVal.length; ++j)
                    object.scomplexVal[j] = options.json && !isFinite(message.scomplexVal[j]) ? String(message.scomplexVal[j]) : message.scomplexVal[j];
            }
            if (message.int64Val && message.int64Val.length) {
                object.int64Val = [];
                for (let j = 0; j < message.int64Val.length; ++j)
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.int64Val[j] = typeof message.int64Val[j] === "number" ? BigInt(message.int64Val[j]) : $util.Long.fromBits(message.int64Val[j].low >>> 0, message.int64Val[j].high >>> 0, false).toBigInt();
                    else if (typeof message.int64Val[j] === "number")
                        object.int64Val[j] = options.longs === String ? String(message.int64Val[j]) : message.int64Val[j];
                    else
                        object.int64Val[j] = options.longs === String ? $util.Long.prototype.toString.call(message.int64Val[j]) : options.longs === Number ? new $util.LongBits(message.int64Val[j].low >>> 0, message.int64Val[j].high >>> 0).toNumber() : message.int64Val[j];
            }
            if (message.boolVal && message.boolVal.length) {
                object.boolVal = [];
                for (let j = 0; j < message.boolVal.length; ++j)
                    object.boolVal[j] = message.boolVal[j];
            }
            if (message.dcomplexVal && message.dcomplexVal.length) {
                object.dcomplexVal = [];
                for (let j = 0; j < message.dcomplexVal.length; ++j)
                    object.dcomplexVal[j] = options.json && !isFinite(message.dcomplexVal[j]) ? String(message.dcomplexVal[j]) : message.dcomplexVal[j];
            }
            if (message.halfVal && message.halfVal.length) {
                object.halfVal = [];
                for (let j = 0; j < message.halfVal.length; ++j)
                    object.halfVal[j] = message.halfVal[j];
            }
            if (message.uint32Val && message.uint32Val.length) {
                object.uint32Val = [];
                for (let j = 0; j < message.uint32Val.length; ++j)
                    object.uint32Val[j] = message.uint32Val[j];
            }
            if (message.uint64Val && message.uint64Val.length) {
                object.uint64Val = [];
                for (let j = 0; j < message.uint64Val.length; ++j)
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.uint64Val[j] = typeof message.uint64Val[j] === "number" ? BigInt(message.uint64Val[j]) : $util.Long.fromBits(message.uint64Val[j].low >>> 0, message.uint64Val[j].high >>> 0, true).toBigInt();
                    else if (typeof message.uint64Val[j] === "number")
                        object.uint64Val[j] = options.longs === String ? String(message.uint64Val[j]) : message.uint64Val[j];
                    else
                        object.uint64Val[j] = options.longs === String ? $util.Long.prototype.toString.call(message.uint64Val[j]) : options.longs === Number ? new $util.LongBits(message.uint64Val[j].low >>> 0, message.uint64Val[j].high >>> 0).toNumber(true) : message.uint64Val[j];
            }
            if (message.float8Val != null && Object.hasOwnProperty.call(message, "float8Val"))
                object.float8Val = options.bytes === String ? $util.base64.encode(message.float8Val, 0, message.float8Val.length) : options.bytes === Array ? Array.prototype.slice.call(message.float8Val) : message.float8Val;
            return object;
        };

        TensorProto.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        TensorProto.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/tensorflow.TensorProto";
        };

        return TensorProto;
    })();

    tensorflow.TensorShapeProto = (function() {

        function TensorShapeProto(properties) {
            this.dim = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        TensorShapeProto.prototype.dim = $util.emptyArray;
        TensorShapeProto.prototype.unknownRank = false;

        TensorShapeProto.create = function create(properties) {
            return new TensorShapeProto(properties);
        };

        TensorShapeProto.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.dim != null && message.dim.length)
                for (let i = 0; i < message.dim.length; ++i)
                    $root.tensorflow.TensorShapeProto.Dim.encode(message.dim[i], writer.uint32(18).fork(), q + 1).ldelim();
            if (message.unknownRank != null && Object.hasOwnProperty.call(message, "unknownRank"))
                writer.uint32(24).bool(message.unknownRank);
            return writer;
        };

        TensorShapeProto.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        TensorShapeProto.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.tensorflow.TensorShapeProto();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 2: {
                        if (!(message.dim && message.dim.length))
                            message.dim = [];
                        message.dim.push($root.tensorflow.TensorShapeProto.Dim.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                case 3: {
                        message.unknownRank = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        TensorShapeProto.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        TensorShapeProto.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.dim != null && Object.hasOwnProperty.call(message, "dim")) {
                if (!Array.isArray(message.dim))
                    return "dim: array expected";
                for (let i = 0; i < message.dim.length; ++i) {
                    let error = $root.tensorflow.TensorShapeProto.Dim.verify(message.dim[i], long + 1);
                    if (error)
                        return "dim." + error;
                }
            }
            if (message.unknownRank != null && Object.hasOwnProperty.call(message, "unknownRank"))
                if (typeof message.unknownRank !== "boolean")
                    return "unknownRank: boolean expected";
            return null;
        };

        TensorShapeProto.fromObject = function fromObject(object, long) {
            if (object instanceof $root.tensorflow.TensorShapeProto)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".tensorflow.TensorShapeProto: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.tensorflow.TensorShapeProto();
            if (object.dim) {
                if (!Array.isArray(object.dim))
                    throw TypeError(".tensorflow.TensorShapeProto.dim: array expected");
                message.dim = [];
                for (let i = 0; i < object.dim.length; ++i) {
                    if (!$util.isObject(object.dim[i]))
                        throw TypeError(".tensorflow.TensorShapeProto.dim: object expected");
                    message.dim[i] = $root.tensorflow.TensorShapeProto.Dim.fromObject(object.dim[i], long + 1);
                }
            }
            if (object.unknownRank != null)
                message.unknownRank = Boolean(object.unknownRank);
            return message;
        };

        TensorShapeProto.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.dim = [];
            if (options.defaults)
                object.unknownRank = false;
            if (message.dim && message.dim.length) {
                object.dim = [];
                for (let j = 0; j < message.dim.length; ++j)
                    object.dim[j] = $root.tensorflow.TensorShapeProto.Dim.toObject(message.dim[j], options, q + 1);
            }
            if (message.unknownRank != null && Object.hasOwnProperty.call(message, "unknownRank"))
                object.unknownRank = message.unknownRank;
            return object;
        };

        TensorShapeProto.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        TensorShapeProto.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/tensorflow.TensorShapeProto";
        };

        TensorShapeProto.Dim = (function() {

            function Dim(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Dim.prototype.size = $util.Long ? $util.Long.fromBits(0,0,false) : 0;
            Dim.prototype.name = "";

            Dim.create = function create(properties) {
                return new Dim(properties);
            };

            Dim.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.size != null && Object.hasOwnProperty.call(message, "size"))
                    writer.uint32(8).int64(message.size);
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(18).string(message.name);
                return writer;
            };

            Dim.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            Dim.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.tensorflow.TensorShapeProto.Dim();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.size = reader.int64();
                            break;
                        }
                    case 2: {
                            message.name = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Dim.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            Dim.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.size != null && Object.hasOwnProperty.call(message, "size"))
                    if (!$util.isInteger(message.size) && !(message.size && $util.isInteger(message.size.low) && $util.isInteger(message.size.high)))
                        return "size: integer|Long expected";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                return null;
            };

            Dim.fromObject = function fromObject(object, long) {
                if (object instanceof $root.tensorflow.TensorShapeProto.Dim)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".tensorflow.TensorShapeProto.Dim: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.tensorflow.TensorShapeProto.Dim();
                if (object.size != null)
                    if ($util.Long)
                        message.size = $util.Long.fromValue(object.size, false);
                    else if (typeof object.size === "string")
                        message.size = parseInt(object.size, 10);
                    else if (typeof object.size === "number")
                        message.size = object.size;
                    else if (typeof object.size === "object")
                        message.size = new $util.LongBits(object.size.low >>> 0, object.size.high >>> 0).toNumber();
                if (object.name != null)
                    message.name = String(object.name);
                return message;
            };

            Dim.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.size = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.size = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    object.name = "";
                }
                if (message.size != null && Object.hasOwnProperty.call(message, "size"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.size = typeof message.size === "number" ? BigInt(message.size) : $util.Long.fromBits(message.size.low >>> 0, message.size.high >>> 0, false).toBigInt();
                    else if (typeof message.size === "number")
                        object.size = options.longs === String ? String(message.size) : message.size;
                    else
                        object.size = options.longs === String ? $util.Long.prototype.toString.call(message.size) : options.longs === Number ? new $util.LongBits(message.size.low >>> 0, message.size.high >>> 0).toNumber() : message.size;
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                return object;
            };

            Dim.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            Dim.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tensorflow.TensorShapeProto.Dim";
            };

            return Dim;
        })();

        return TensorShapeProto;
    })();

    tensorflow.DataType = (function() {
        const valuesById = {}, values = Object.create(valuesById);
        values[valuesById[0] = "DT_INVALID"] = 0;
        values[valuesById[1] = "DT_FLOAT"] = 1;
        values[valuesById[2] = "DT_DOUBLE"] = 2;
        values[valuesById[3] = "DT_INT32"] = 3;
        values[valuesById[4] = "DT_UINT8"] = 4;
        values[valuesById[5] = "DT_INT16"] = 5;
        values[valuesById[6] = "DT_INT8"] = 6;
        values[valuesById[7] = "DT_STRING"] = 7;
        values[valuesById[8] = "DT_COMPLEX64"] = 8;
        values[valuesById[9] = "DT_INT64"] = 9;
        values[valuesById[10] = "DT_BOOL"] = 10;
        values[valuesById[11] = "DT_QINT8"] = 11;
        values[valuesById[12] = "DT_QUINT8"] = 12;
        values[valuesById[13] = "DT_QINT32"] = 13;
        values[valuesById[14] = "DT_BFLOAT16"] = 14;
        values[valuesById[15] = "DT_QINT16"] = 15;
        values[valuesById[16] = "DT_QUINT16"] = 16;
        values[valuesById[17] = "DT_UINT16"] = 17;
        values[valuesById[18] = "DT_COMPLEX128"] = 18;
        values[valuesById[19] = "DT_HALF"] = 19;
        values[valuesById[20] = "DT_RESOURCE"] = 20;
        values[valuesById[21] = "DT_VARIANT"] = 21;
        values[valuesById[22] = "DT_UINT32"] = 22;
        values[valuesById[23] = "DT_UINT64"] = 23;
        return values;
    })();

    return tensorflow;
})();

export const inference = $root.inference = (() => {

    const inference = {};

    inference.GRPCInferenceService = (function() {

        function GRPCInferenceService(rpcImpl, requestDelimited, responseDelimited) {
            $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
        }

        (GRPCInferenceService.prototype = Object.create($protobuf.rpc.Service.prototype)).constructor = GRPCInferenceService;

        GRPCInferenceService.create = function create(rpcImpl, requestDelimited, responseDelimited) {
            return new this(rpcImpl, requestDelimited, responseDelimited);
        };


        Object.defineProperty(GRPCInferenceService.prototype.serverLive = function serverLive(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, serverLive, $root.inference.ServerLiveRequest, $root.inference.ServerLiveResponse, request, callback);
        }, "name", { value: "ServerLive" });


        Object.defineProperty(GRPCInferenceService.prototype.serverReady = function serverReady(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, serverReady, $root.inference.ServerReadyRequest, $root.inference.ServerReadyResponse, request, callback);
        }, "name", { value: "ServerReady" });


        Object.defineProperty(GRPCInferenceService.prototype.modelReady = function modelReady(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, modelReady, $root.inference.ModelReadyRequest, $root.inference.ModelReadyResponse, request, callback);
        }, "name", { value: "ModelReady" });


        Object.defineProperty(GRPCInferenceService.prototype.serverMetadata = function serverMetadata(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, serverMetadata, $root.inference.ServerMetadataRequest, $root.inference.ServerMetadataResponse, request, callback);
        }, "name", { value: "ServerMetadata" });


        Object.defineProperty(GRPCInferenceService.prototype.modelMetadata = function modelMetadata(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, modelMetadata, $root.inference.ModelMetadataRequest, $root.inference.ModelMetadataResponse, request, callback);
        }, "name", { value: "ModelMetadata" });


        Object.defineProperty(GRPCInferenceService.prototype.modelInfer = function modelInfer(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, modelInfer, $root.inference.ModelInferRequest, $root.inference.ModelInferResponse, request, callback);
        }, "name", { value: "ModelInfer" });


        Object.defineProperty(GRPCInferenceService.prototype.repositoryIndex = function repositoryIndex(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, repositoryIndex, $root.inference.RepositoryIndexRequest, $root.inference.RepositoryIndexResponse, request, callback);
        }, "name", { value: "RepositoryIndex" });


        Object.defineProperty(GRPCInferenceService.prototype.repositoryModelLoad = function repositoryModelLoad(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, repositoryModelLoad, $root.inference.RepositoryModelLoadRequest, $root.inference.RepositoryModelLoadResponse, request, callback);
        }, "name", { value: "RepositoryModelLoad" });


        Object.defineProperty(GRPCInferenceService.prototype.repositoryModelUnload = function repositoryModelUnload(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, repositoryModelUnload, $root.inference.RepositoryModelUnloadRequest, $root.inference.RepositoryModelUnloadResponse, request, callback);
        }, "name", { value: "RepositoryModelUnload" });

        return GRPCInferenceService;
    })();

    inference.ServerLiveRequest = (function() {

        function ServerLiveRequest(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ServerLiveRequest.create = function create(properties) {
            return new ServerLiveRequest(properties);
        };

        ServerLiveRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        ServerLiveRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ServerLiveRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ServerLiveRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ServerLiveRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ServerLiveRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            return null;
        };

        ServerLiveRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ServerLiveRequest)
                return object;
            return new $root.inference.ServerLiveRequest();
        };

        ServerLiveRequest.toObject = function toObject() {
            return {};
        };

        ServerLiveRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ServerLiveRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ServerLiveRequest";
        };

        return ServerLiveRequest;
    })();

    inference.ServerLiveResponse = (function() {

        function ServerLiveResponse(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ServerLiveResponse.prototype.live = false;

        ServerLiveResponse.create = function create(properties) {
            return new ServerLiveResponse(properties);
        };

        ServerLiveResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.live != null && Object.hasOwnProperty.call(message, "live"))
                writer.uint32(8).bool(message.live);
            return writer;
        };

        ServerLiveResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ServerLiveResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ServerLiveResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.live = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ServerLiveResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ServerLiveResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.live != null && Object.hasOwnProperty.call(message, "live"))
                if (typeof message.live !== "boolean")
                    return "live: boolean expected";
            return null;
        };

        ServerLiveResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ServerLiveResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ServerLiveResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ServerLiveResponse();
            if (object.live != null)
                message.live = Boolean(object.live);
            return message;
        };

        ServerLiveResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.defaults)
                object.live = false;
            if (message.live != null && Object.hasOwnProperty.call(message, "live"))
                object.live = message.live;
            return object;
        };

        ServerLiveResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ServerLiveResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ServerLiveResponse";
        };

        return ServerLiveResponse;
    })();

    inference.ServerReadyRequest = (function() {

        function ServerReadyRequest(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ServerReadyRequest.create = function create(properties) {
            return new ServerReadyRequest(properties);
        };

        ServerReadyRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        ServerReadyRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ServerReadyRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ServerReadyRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ServerReadyRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ServerReadyRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            return null;
        };

        ServerReadyRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ServerReadyRequest)
                return object;
            return new $root.inference.ServerReadyRequest();
        };

        ServerReadyRequest.toObject = function toObject() {
            return {};
        };

        ServerReadyRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ServerReadyRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ServerReadyRequest";
        };

        return ServerReadyRequest;
    })();

    inference.ServerReadyResponse = (function() {

        function ServerReadyResponse(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ServerReadyResponse.prototype.ready = false;

        ServerReadyResponse.create = function create(properties) {
            return new ServerReadyResponse(properties);
        };

        ServerReadyResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                writer.uint32(8).bool(message.ready);
            return writer;
        };

        ServerReadyResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ServerReadyResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ServerReadyResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.ready = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ServerReadyResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ServerReadyResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                if (typeof message.ready !== "boolean")
                    return "ready: boolean expected";
            return null;
        };

        ServerReadyResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ServerReadyResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ServerReadyResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ServerReadyResponse();
            if (object.ready != null)
                message.ready = Boolean(object.ready);
            return message;
        };

        ServerReadyResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.defaults)
                object.ready = false;
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                object.ready = message.ready;
            return object;
        };

        ServerReadyResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ServerReadyResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ServerReadyResponse";
        };

        return ServerReadyResponse;
    })();

    inference.ModelReadyRequest = (function() {

        function ModelReadyRequest(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelReadyRequest.prototype.name = "";
        ModelReadyRequest.prototype.version = "";

        ModelReadyRequest.create = function create(properties) {
            return new ModelReadyRequest(properties);
        };

        ModelReadyRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                writer.uint32(10).string(message.name);
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                writer.uint32(18).string(message.version);
            return writer;
        };

        ModelReadyRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelReadyRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelReadyRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.name = reader.string();
                        break;
                    }
                case 2: {
                        message.version = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelReadyRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelReadyRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                if (!$util.isString(message.version))
                    return "version: string expected";
            return null;
        };

        ModelReadyRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelReadyRequest)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelReadyRequest: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelReadyRequest();
            if (object.name != null)
                message.name = String(object.name);
            if (object.version != null)
                message.version = String(object.version);
            return message;
        };

        ModelReadyRequest.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.name = "";
                object.version = "";
            }
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            return object;
        };

        ModelReadyRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelReadyRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelReadyRequest";
        };

        return ModelReadyRequest;
    })();

    inference.ModelReadyResponse = (function() {

        function ModelReadyResponse(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelReadyResponse.prototype.ready = false;

        ModelReadyResponse.create = function create(properties) {
            return new ModelReadyResponse(properties);
        };

        ModelReadyResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                writer.uint32(8).bool(message.ready);
            return writer;
        };

        ModelReadyResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelReadyResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelReadyResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.ready = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelReadyResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelReadyResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                if (typeof message.ready !== "boolean")
                    return "ready: boolean expected";
            return null;
        };

        ModelReadyResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelReadyResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelReadyResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelReadyResponse();
            if (object.ready != null)
                message.ready = Boolean(object.ready);
            return message;
        };

        ModelReadyResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.defaults)
                object.ready = false;
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                object.ready = message.ready;
            return object;
        };

        ModelReadyResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelReadyResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelReadyResponse";
        };

        return ModelReadyResponse;
    })();

    inference.ServerMetadataRequest = (function() {

        function ServerMetadataRequest(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ServerMetadataRequest.create = function create(properties) {
            return new ServerMetadataRequest(properties);
        };

        ServerMetadataRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        ServerMetadataRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ServerMetadataRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ServerMetadataRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ServerMetadataRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ServerMetadataRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            return null;
        };

        ServerMetadataRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ServerMetadataRequest)
                return object;
            return new $root.inference.ServerMetadataRequest();
        };

        ServerMetadataRequest.toObject = function toObject() {
            return {};
        };

        ServerMetadataRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ServerMetadataRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ServerMetadataRequest";
        };

        return ServerMetadataRequest;
    })();

    inference.ServerMetadataResponse = (function() {

        function ServerMetadataResponse(properties) {
            this.extensions = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ServerMetadataResponse.prototype.name = "";
        ServerMetadataResponse.prototype.version = "";
        ServerMetadataResponse.prototype.extensions = $util.emptyArray;

        ServerMetadataResponse.create = function create(properties) {
            return new ServerMetadataResponse(properties);
        };

        ServerMetadataResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                writer.uint32(10).string(message.name);
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                writer.uint32(18).string(message.version);
            if (message.extensions != null && message.extensions.length)
                for (let i = 0; i < message.extensions.length; ++i)
                    writer.uint32(26).string(message.extensions[i]);
            return writer;
        };

        ServerMetadataResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ServerMetadataResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ServerMetadataResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.name = reader.string();
                        break;
                    }
                case 2: {
                        message.version = reader.string();
                        break;
                    }
                case 3: {
                        if (!(message.extensions && message.extensions.length))
                            message.extensions = [];
                        message.extensions.push(reader.string());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ServerMetadataResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ServerMetadataResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                if (!$util.isString(message.version))
                    return "version: string expected";
            if (message.extensions != null && Object.hasOwnProperty.call(message, "extensions")) {
                if (!Array.isArray(message.extensions))
                    return "extensions: array expected";
                for (let i = 0; i < message.extensions.length; ++i)
                    if (!$util.isString(message.extensions[i]))
                        return "extensions: string[] expected";
            }
            return null;
        };

        ServerMetadataResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ServerMetadataResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ServerMetadataResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ServerMetadataResponse();
            if (object.name != null)
                message.name = String(object.name);
            if (object.version != null)
                message.version = String(object.version);
            if (object.extensions) {
                if (!Array.isArray(object.extensions))
                    throw TypeError(".inference.ServerMetadataResponse.extensions: array expected");
                message.extensions = [];
                for (let i = 0; i < object.extensions.length; ++i)
                    message.extensions[i] = String(object.extensions[i]);
            }
            return message;
        };

        ServerMetadataResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.extensions = [];
            if (options.defaults) {
                object.name = "";
                object.version = "";
            }
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            if (message.extensions && message.extensions.length) {
                object.extensions = [];
                for (let j = 0; j < message.extensions.length; ++j)
                    object.extensions[j] = message.extensions[j];
            }
            return object;
        };

        ServerMetadataResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ServerMetadataResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ServerMetadataResponse";
        };

        return ServerMetadataResponse;
    })();

    inference.ModelMetadataRequest = (function() {

        function ModelMetadataRequest(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelMetadataRequest.prototype.name = "";
        ModelMetadataRequest.prototype.version = "";

        ModelMetadataRequest.create = function create(properties) {
            return new ModelMetadataRequest(properties);
        };

        ModelMetadataRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                writer.uint32(10).string(message.name);
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                writer.uint32(18).string(message.version);
            return writer;
        };

        ModelMetadataRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelMetadataRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelMetadataRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.name = reader.string();
                        break;
                    }
                case 2: {
                        message.version = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelMetadataRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelMetadataRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                if (!$util.isString(message.version))
                    return "version: string expected";
            return null;
        };

        ModelMetadataRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelMetadataRequest)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelMetadataRequest: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelMetadataRequest();
            if (object.name != null)
                message.name = String(object.name);
            if (object.version != null)
                message.version = String(object.version);
            return message;
        };

        ModelMetadataRequest.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.name = "";
                object.version = "";
            }
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            return object;
        };

        ModelMetadataRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelMetadataRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelMetadataRequest";
        };

        return ModelMetadataRequest;
    })();

    inference.ModelMetadataResponse = (function() {

        function ModelMetadataResponse(properties) {
            this.versions = [];
            this.inputs = [];
            this.outputs = [];
            this.parameters = {};
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelMetadataResponse.prototype.name = "";
        ModelMetadataResponse.prototype.versions = $util.emptyArray;
        ModelMetadataResponse.prototype.platform = "";
        ModelMetadataResponse.prototype.inputs = $util.emptyArray;
        ModelMetadataResponse.prototype.outputs = $util.emptyArray;
        ModelMetadataResponse.prototype.parameters = $util.emptyObject;

        ModelMetadataResponse.create = function create(properties) {
            return new ModelMetadataResponse(properties);
        };

        ModelMetadataResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                writer.uint32(10).string(message.name);
            if (message.versions != null && message.versions.length)
                for (let i = 0; i < message.versions.length; ++i)
                    writer.uint32(18).string(message.versions[i]);
            if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                writer.uint32(26).string(message.platform);
            if (message.inputs != null && message.inputs.length)
                for (let i = 0; i < message.inputs.length; ++i)
                    $root.inference.ModelMetadataResponse.TensorMetadata.encode(message.inputs[i], writer.uint32(34).fork(), q + 1).ldelim();
            if (message.outputs != null && message.outputs.length)
                for (let i = 0; i < message.outputs.length; ++i)
                    $root.inference.ModelMetadataResponse.TensorMetadata.encode(message.outputs[i], writer.uint32(42).fork(), q + 1).ldelim();
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                    writer.uint32(50).fork().uint32(10).string(keys[i]);
                    $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                }
            return writer;
        };

        ModelMetadataResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelMetadataResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message, key, value;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelMetadataResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.name = reader.string();
                        break;
                    }
                case 2: {
                        if (!(message.versions && message.versions.length))
                            message.versions = [];
                        message.versions.push(reader.string());
                        break;
                    }
                case 3: {
                        message.platform = reader.string();
                        break;
                    }
                case 4: {
                        if (!(message.inputs && message.inputs.length))
                            message.inputs = [];
                        message.inputs.push($root.inference.ModelMetadataResponse.TensorMetadata.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                case 5: {
                        if (!(message.outputs && message.outputs.length))
                            message.outputs = [];
                        message.outputs.push($root.inference.ModelMetadataResponse.TensorMetadata.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                case 6: {
                        if (message.parameters === $util.emptyObject)
                            message.parameters = {};
                        let end2 = reader.uint32() + reader.pos;
                        if (end2 > reader.len)
                            throw RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.uint32();
                            switch (tag2 >>> 3) {
                            case 1:
                                key = reader.string();
                                break;
                            case 2:
                                value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            default:
                                reader.skipType(tag2 & 7, long);
                                break;
                            }
                        }
                        if (reader.pos !== end2)
                            throw RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.parameters, key);
                        message.parameters[key] = value;
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelMetadataResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelMetadataResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.versions != null && Object.hasOwnProperty.call(message, "versions")) {
                if (!Array.isArray(message.versions))
                    return "versions: array expected";
                for (let i = 0; i < message.versions.length; ++i)
                    if (!$util.isString(message.versions[i]))
                        return "versions: string[] expected";
            }
            if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                if (!$util.isString(message.platform))
                    return "platform: string expected";
            if (message.inputs != null && Object.hasOwnProperty.call(message, "inputs")) {
                if (!Array.isArray(message.inputs))
                    return "inputs: array expected";
                for (let i = 0; i < message.inputs.length; ++i) {
                    let error = $root.inference.ModelMetadataResponse.TensorMetadata.verify(message.inputs[i], long + 1);
                    if (error)
                        return "inputs." + error;
                }
            }
            if (message.outputs != null && Object.hasOwnProperty.call(message, "outputs")) {
                if (!Array.isArray(message.outputs))
                    return "outputs: array expected";
                for (let i = 0; i < message.outputs.length; ++i) {
                    let error = $root.inference.ModelMetadataResponse.TensorMetadata.verify(message.outputs[i], long + 1);
                    if (error)
                        return "outputs." + error;
                }
            }
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                if (!$util.isObject(message.parameters))
                    return "parameters: object expected";
                let key = Object.keys(message.parameters);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                    if (error)
                        return "parameters." + error;
                }
            }
            return null;
        };

        ModelMetadataResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelMetadataResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelMetadataResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelMetadataResponse();
            if (object.name != null)
                message.name = String(object.name);
            if (object.versions) {
                if (!Array.isArray(object.versions))
                    throw TypeError(".inference.ModelMetadataResponse.versions: array expected");
                message.versions = [];
                for (let i = 0; i < object.versions.length; ++i)
                    message.versions[i] = String(object.versions[i]);
            }
            if (object.platform != null)
                message.platform = String(object.platform);
            if (object.inputs) {
                if (!Array.isArray(object.inputs))
                    throw TypeError(".inference.ModelMetadataResponse.inputs: array expected");
                message.inputs = [];
                for (let i = 0; i < object.inputs.length; ++i) {
                    if (!$util.isObject(object.inputs[i]))
                        throw TypeError(".inference.ModelMetadataResponse.inputs: object expected");
                    message.inputs[i] = $root.inference.ModelMetadataResponse.TensorMetadata.fromObject(object.inputs[i], long + 1);
                }
            }
            if (object.outputs) {
                if (!Array.isArray(object.outputs))
                    throw TypeError(".inference.ModelMetadataResponse.outputs: array expected");
                message.outputs = [];
                for (let i = 0; i < object.outputs.length; ++i) {
                    if (!$util.isObject(object.outputs[i]))
                        throw TypeError(".inference.ModelMetadataResponse.outputs: object expected");
                    message.outputs[i] = $root.inference.ModelMetadataResponse.TensorMetadata.fromObject(object.outputs[i], long + 1);
                }
            }
            if (object.parameters) {
                if (!$util.isObject(object.parameters))
                    throw TypeError(".inference.ModelMetadataResponse.parameters: object expected");
                message.parameters = {};
                for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.parameters, keys[i]);
                    if (!$util.isObject(object.parameters[keys[i]]))
                        throw TypeError(".inference.ModelMetadataResponse.parameters: object expected");
                    message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                }
            }
            return message;
        };

        ModelMetadataResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.versions = [];
                object.inputs = [];
                object.outputs = [];
            }
            if (options.objects || options.defaults)
                object.parameters = {};
            if (options.defaults) {
                object.name = "";
                object.platform = "";
            }
            if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.versions && message.versions.length) {
                object.versions = [];
                for (let j = 0; j < message.versions.length; ++j)
                    object.versions[j] = message.versions[j];
            }
            if (message.platform != null && Object.hasOwnProperty.call(message, "platform"))
                object.platform = message.platform;
            if (message.inputs && message.inputs.length) {
                object.inputs = [];
                for (let j = 0; j < message.inputs.length; ++j)
                    object.inputs[j] = $root.inference.ModelMetadataResponse.TensorMetadata.toObject(message.inputs[j], options, q + 1);
            }
            if (message.outputs && message.outputs.length) {
                object.outputs = [];
                for (let j = 0; j < message.outputs.length; ++j)
                    object.outputs[j] = $root.inference.ModelMetadataResponse.TensorMetadata.toObject(message.outputs[j], options, q + 1);
            }
            let keys2;
            if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                object.parameters = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.parameters, keys2[j]);
                    object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                }
            }
            return object;
        };

        ModelMetadataResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelMetadataResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelMetadataResponse";
        };

        ModelMetadataResponse.TensorMetadata = (function() {

            function TensorMetadata(properties) {
                this.shape = [];
                this.parameters = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            TensorMetadata.prototype.name = "";
            TensorMetadata.prototype.datatype = "";
            TensorMetadata.prototype.shape = $util.emptyArray;
            TensorMetadata.prototype.parameters = $util.emptyObject;

            TensorMetadata.create = function create(properties) {
                return new TensorMetadata(properties);
            };

            TensorMetadata.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    writer.uint32(18).string(message.datatype);
                if (message.shape != null && message.shape.length) {
                    writer.uint32(26).fork();
                    for (let i = 0; i < message.shape.length; ++i)
                        writer.int64(message.shape[i]);
                    writer.ldelim();
                }
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                    for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                        writer.uint32(34).fork().uint32(10).string(keys[i]);
                        $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                return writer;
            };

            TensorMetadata.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            TensorMetadata.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.inference.ModelMetadataResponse.TensorMetadata();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            message.datatype = reader.string();
                            break;
                        }
                    case 3: {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.shape.push(reader.int64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.shape.push(reader.int64());
                            break;
                        }
                    case 4: {
                            if (message.parameters === $util.emptyObject)
                                message.parameters = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.parameters, key);
                            message.parameters[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            TensorMetadata.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            TensorMetadata.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    if (!$util.isString(message.datatype))
                        return "datatype: string expected";
                if (message.shape != null && Object.hasOwnProperty.call(message, "shape")) {
                    if (!Array.isArray(message.shape))
                        return "shape: array expected";
                    for (let i = 0; i < message.shape.length; ++i)
                        if (!$util.isInteger(message.shape[i]) && !(message.shape[i] && $util.isInteger(message.shape[i].low) && $util.isInteger(message.shape[i].high)))
                            return "shape: integer|Long[] expected";
                }
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                    if (!$util.isObject(message.parameters))
                        return "parameters: object expected";
                    let key = Object.keys(message.parameters);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                        if (error)
                            return "parameters." + error;
                    }
                }
                return null;
            };

            TensorMetadata.fromObject = function fromObject(object, long) {
                if (object instanceof $root.inference.ModelMetadataResponse.TensorMetadata)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".inference.ModelMetadataResponse.TensorMetadata: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.inference.ModelMetadataResponse.TensorMetadata();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.datatype != null)
                    message.datatype = String(object.datatype);
                if (object.shape) {
                    if (!Array.isArray(object.shape))
                        throw TypeError(".inference.ModelMetadataResponse.TensorMetadata.shape: array expected");
                    message.shape = [];
                    for (let i = 0; i < object.shape.length; ++i)
                        if ($util.Long)
                            message.shape[i] = $util.Long.fromValue(object.shape[i], false);
                        else if (typeof object.shape[i] === "string")
                            message.shape[i] = parseInt(object.shape[i], 10);
                        else if (typeof object.shape[i] === "number")
                            message.shape[i] = object.shape[i];
                        else if (typeof object.shape[i] === "object")
                            message.shape[i] = new $util.LongBits(object.shape[i].low >>> 0, object.shape[i].high >>> 0).toNumber();
                }
                if (object.parameters) {
                    if (!$util.isObject(object.parameters))
                        throw TypeError(".inference.ModelMetadataResponse.TensorMetadata.parameters: object expected");
                    message.parameters = {};
                    for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.parameters, keys[i]);
                        if (!$util.isObject(object.parameters[keys[i]]))
                            throw TypeError(".inference.ModelMetadataResponse.TensorMetadata.parameters: object expected");
                        message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                    }
                }
                return message;
            };

            TensorMetadata.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.shape = [];
                if (options.objects || options.defaults)
                    object.parameters = {};
                if (options.defaults) {
                    object.name = "";
                    object.datatype = "";
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    object.datatype = message.datatype;
                if (message.shape && message.shape.length) {
                    object.shape = [];
                    for (let j = 0; j < message.shape.length; ++j)
                        if (typeof BigInt !== "undefined" && options.longs === BigInt)
                            object.shape[j] = typeof message.shape[j] === "number" ? BigInt(message.shape[j]) : $util.Long.fromBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0, false).toBigInt();
                        else if (typeof message.shape[j] === "number")
                            object.shape[j] = options.longs === String ? String(message.shape[j]) : message.shape[j];
                        else
                            object.shape[j] = options.longs === String ? $util.Long.prototype.toString.call(message.shape[j]) : options.longs === Number ? new $util.LongBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0).toNumber() : message.shape[j];
                }
                let keys2;
                if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                    object.parameters = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.parameters, keys2[j]);
                        object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                    }
                }
                return object;
            };

            TensorMetadata.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            TensorMetadata.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/inference.ModelMetadataResponse.TensorMetadata";
            };

            return TensorMetadata;
        })();

        return ModelMetadataResponse;
    })();

    inference.ModelInferRequest = (function() {

        function ModelInferRequest(properties) {
            this.parameters = {};
            this.inputs = [];
            this.outputs = [];
            this.rawInputContents = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelInferRequest.prototype.modelName = "";
        ModelInferRequest.prototype.modelVersion = "";
        ModelInferRequest.prototype.id = "";
        ModelInferRequest.prototype.parameters = $util.emptyObject;
        ModelInferRequest.prototype.inputs = $util.emptyArray;
        ModelInferRequest.prototype.outputs = $util.emptyArray;
        ModelInferRequest.prototype.rawInputContents = $util.emptyArray;

        ModelInferRequest.create = function create(properties) {
            return new ModelInferRequest(properties);
        };

        ModelInferRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                writer.uint32(10).string(message.modelName);
            if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
                writer.uint32(18).string(message.modelVersion);
            if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                writer.uint32(26).string(message.id);
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                    writer.uint32(34).fork().uint32(10).string(keys[i]);
                    $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                }
            if (message.inputs != null && message.inputs.length)
                for (let i = 0; i < message.inputs.length; ++i)
                    $root.inference.ModelInferRequest.InferInputTensor.encode(message.inputs[i], writer.uint32(42).fork(), q + 1).ldelim();
            if (message.outputs != null && message.outputs.length)
                for (let i = 0; i < message.outputs.length; ++i)
                    $root.inference.ModelInferRequest.InferRequestedOutputTensor.encode(message.outputs[i], writer.uint32(50).fork(), q + 1).ldelim();
            if (message.rawInputContents != null && message.rawInputContents.length)
                for (let i = 0; i < message.rawInputContents.length; ++i)
                    writer.uint32(58).bytes(message.rawInputContents[i]);
            return writer;
        };

        ModelInferRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelInferRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message, key, value;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelInferRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.modelName = reader.string();
                        break;
                    }
                case 2: {
                        message.modelVersion = reader.string();
                        break;
                    }
                case 3: {
                        message.id = reader.string();
                        break;
                    }
                case 4: {
                        if (message.parameters === $util.emptyObject)
                            message.parameters = {};
                        let end2 = reader.uint32() + reader.pos;
                        if (end2 > reader.len)
                            throw RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.uint32();
                            switch (tag2 >>> 3) {
                            case 1:
                                key = reader.string();
                                break;
                            case 2:
                                value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            default:
                                reader.skipType(tag2 & 7, long);
                                break;
                            }
                        }
                        if (reader.pos !== end2)
                            throw RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.parameters, key);
                        message.parameters[key] = value;
                        break;
                    }
                case 5: {
                        if (!(message.inputs && message.inputs.length))
                            message.inputs = [];
                        message.inputs.push($root.inference.ModelInferRequest.InferInputTensor.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                case 6: {
                        if (!(message.outputs && message.outputs.length))
                            message.outputs = [];
                        message.outputs.push($root.inference.ModelInferRequest.InferRequestedOutputTensor.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                case 7: {
                        if (!(message.rawInputContents && message.rawInputContents.length))
                            message.rawInputContents = [];
                        message.rawInputContents.push(reader.bytes());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelInferRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelInferRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                if (!$util.isString(message.modelName))
                    return "modelName: string expected";
            if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
                if (!$util.isString(message.modelVersion))
                    return "modelVersion: string expected";
            if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                if (!$util.isString(message.id))
                    return "id: string expected";
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                if (!$util.isObject(message.parameters))
                    return "parameters: object expected";
                let key = Object.keys(message.parameters);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                    if (error)
                        return "parameters." + error;
                }
            }
            if (message.inputs != null && Object.hasOwnProperty.call(message, "inputs")) {
                if (!Array.isArray(message.inputs))
                    return "inputs: array expected";
                for (let i = 0; i < message.inputs.length; ++i) {
                    let error = $root.inference.ModelInferRequest.InferInputTensor.verify(message.inputs[i], long + 1);
                    if (error)
                        return "inputs." + error;
                }
            }
            if (message.outputs != null && Object.hasOwnProperty.call(message, "outputs")) {
                if (!Array.isArray(message.outputs))
                    return "outputs: array expected";
                for (let i = 0; i < message.outputs.length; ++i) {
                    let error = $root.inference.ModelInferRequest.InferRequestedOutputTensor.verify(message.outputs[i], long + 1);
                    if (error)
                        return "outputs." + error;
                }
            }
            if (message.rawInputContents != null && Object.hasOwnProperty.call(message, "rawInputContents")) {
                if (!Array.isArray(message.rawInputContents))
                    return "rawInputContents: array expected";
                for (let i = 0; i < message.rawInputContents.length; ++i)
                    if (!(message.rawInputContents[i] && typeof message.rawInputContents[i].length === "number" || $util.isString(message.rawInputContents[i])))
                        return "rawInputContents: buffer[] expected";
            }
            return null;
        };

        ModelInferRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelInferRequest)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelInferRequest: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelInferRequest();
            if (object.modelName != null)
                message.modelName = String(object.modelName);
            if (object.modelVersion != null)
                message.modelVersion = String(object.modelVersion);
            if (object.id != null)
                message.id = String(object.id);
            if (object.parameters) {
                if (!$util.isObject(object.parameters))
                    throw TypeError(".inference.ModelInferRequest.parameters: object expected");
                message.parameters = {};
                for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.parameters, keys[i]);
                    if (!$util.isObject(object.parameters[keys[i]]))
                        throw TypeError(".inference.ModelInferRequest.parameters: object expected");
                    message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                }
            }
            if (object.inputs) {
                if (!Array.isArray(object.inputs))
                    throw TypeError(".inference.ModelInferRequest.inputs: array expected");
                message.inputs = [];
                for (let i = 0; i < object.inputs.length; ++i) {
                    if (!$util.isObject(object.inputs[i]))
                        throw TypeError(".inference.ModelInferRequest.inputs: object expected");
                    message.inputs[i] = $root.inference.ModelInferRequest.InferInputTensor.fromObject(object.inputs[i], long + 1);
                }
            }
            if (object.outputs) {
                if (!Array.isArray(object.outputs))
                    throw TypeError(".inference.ModelInferRequest.outputs: array expected");
                message.outputs = [];
                for (let i = 0; i < object.outputs.length; ++i) {
                    if (!$util.isObject(object.outputs[i]))
                        throw TypeError(".inference.ModelInferRequest.outputs: object expected");
                    message.outputs[i] = $root.inference.ModelInferRequest.InferRequestedOutputTensor.fromObject(object.outputs[i], long + 1);
                }
            }
            if (object.rawInputContents) {
                if (!Array.isArray(object.rawInputContents))
                    throw TypeError(".inference.ModelInferRequest.rawInputContents: array expected");
                message.rawInputContents = [];
                for (let i = 0; i < object.rawInputContents.length; ++i)
                    if (typeof object.rawInputContents[i] === "string")
                        $util.base64.decode(object.rawInputContents[i], message.rawInputContents[i] = $util.newBuffer($util.base64.length(object.rawInputContents[i])), 0);
                    else if (object.rawInputContents[i].length >= 0)
                        message.rawInputContents[i] = object.rawInputContents[i];
            }
            return message;
        };

        ModelInferRequest.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.inputs = [];
                object.outputs = [];
                object.rawInputContents = [];
            }
            if (options.objects || options.defaults)
                object.parameters = {};
            if (options.defaults) {
                object.modelName = "";
                object.modelVersion = "";
                object.id = "";
            }
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                object.modelName = message.modelName;
            if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
                object.modelVersion = message.modelVersion;
            if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                object.id = message.id;
            let keys2;
            if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                object.parameters = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.parameters, keys2[j]);
                    object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                }
            }
            if (message.inputs && message.inputs.length) {
                object.inputs = [];
                for (let j = 0; j < message.inputs.length; ++j)
                    object.inputs[j] = $root.inference.ModelInferRequest.InferInputTensor.toObject(message.inputs[j], options, q + 1);
            }
            if (message.outputs && message.outputs.length) {
                object.outputs = [];
                for (let j = 0; j < message.outputs.length; ++j)
                    object.outputs[j] = $root.inference.ModelInferRequest.InferRequestedOutputTensor.toObject(message.outputs[j], options, q + 1);
            }
            if (message.rawInputContents && message.rawInputContents.length) {
                object.rawInputContents = [];
                for (let j = 0; j < message.rawInputContents.length; ++j)
                    object.rawInputContents[j] = options.bytes === String ? $util.base64.encode(message.rawInputContents[j], 0, message.rawInputContents[j].length) : options.bytes === Array ? Array.prototype.slice.call(message.rawInputContents[j]) : message.rawInputContents[j];
            }
            return object;
        };

        ModelInferRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelInferRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelInferRequest";
        };

        ModelInferRequest.InferInputTensor = (function() {

            function InferInputTensor(properties) {
                this.shape = [];
                this.parameters = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            InferInputTensor.prototype.name = "";
            InferInputTensor.prototype.datatype = "";
            InferInputTensor.prototype.shape = $util.emptyArray;
            InferInputTensor.prototype.parameters = $util.emptyObject;
            InferInputTensor.prototype.contents = null;

            InferInputTensor.create = function create(properties) {
                return new InferInputTensor(properties);
            };

            InferInputTensor.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    writer.uint32(18).string(message.datatype);
                if (message.shape != null && message.shape.length) {
                    writer.uint32(26).fork();
                    for (let i = 0; i < message.shape.length; ++i)
                        writer.int64(message.shape[i]);
                    writer.ldelim();
                }
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                    for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                        writer.uint32(34).fork().uint32(10).string(keys[i]);
                        $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                if (message.contents != null && Object.hasOwnProperty.call(message, "contents"))
                    $root.inference.InferTensorContents.encode(message.contents, writer.uint32(42).fork(), q + 1).ldelim();
                return writer;
            };

            InferInputTensor.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            InferInputTensor.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.inference.ModelInferRequest.InferInputTensor();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            message.datatype = reader.string();
                            break;
                        }
                    case 3: {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.shape.push(reader.int64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.shape.push(reader.int64());
                            break;
                        }
                    case 4: {
                            if (message.parameters === $util.emptyObject)
                                message.parameters = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.parameters, key);
                            message.parameters[key] = value;
                            break;
                        }
                    case 5: {
                            message.contents = $root.inference.InferTensorContents.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            InferInputTensor.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            InferInputTensor.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    if (!$util.isString(message.datatype))
                        return "datatype: string expected";
                if (message.shape != null && Object.hasOwnProperty.call(message, "shape")) {
                    if (!Array.isArray(message.shape))
                        return "shape: array expected";
                    for (let i = 0; i < message.shape.length; ++i)
                        if (!$util.isInteger(message.shape[i]) && !(message.shape[i] && $util.isInteger(message.shape[i].low) && $util.isInteger(message.shape[i].high)))
                            return "shape: integer|Long[] expected";
                }
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                    if (!$util.isObject(message.parameters))
                        return "parameters: object expected";
                    let key = Object.keys(message.parameters);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                        if (error)
                            return "parameters." + error;
                    }
                }
                if (message.contents != null && Object.hasOwnProperty.call(message, "contents")) {
                    let error = $root.inference.InferTensorContents.verify(message.contents, long + 1);
                    if (error)
                        return "contents." + error;
                }
                return null;
            };

            InferInputTensor.fromObject = function fromObject(object, long) {
                if (object instanceof $root.inference.ModelInferRequest.InferInputTensor)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".inference.ModelInferRequest.InferInputTensor: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.inference.ModelInferRequest.InferInputTensor();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.datatype != null)
                    message.datatype = String(object.datatype);
                if (object.shape) {
                    if (!Array.isArray(object.shape))
                        throw TypeError(".inference.ModelInferRequest.InferInputTensor.shape: array expected");
                    message.shape = [];
                    for (let i = 0; i < object.shape.length; ++i)
                        if ($util.Long)
                            message.shape[i] = $util.Long.fromValue(object.shape[i], false);
                        else if (typeof object.shape[i] === "string")
                            message.shape[i] = parseInt(object.shape[i], 10);
                        else if (typeof object.shape[i] === "number")
                            message.shape[i] = object.shape[i];
                        else if (typeof object.shape[i] === "object")
                            message.shape[i] = new $util.LongBits(object.shape[i].low >>> 0, object.shape[i].high >>> 0).toNumber();
                }
                if (object.parameters) {
                    if (!$util.isObject(object.parameters))
                        throw TypeError(".inference.ModelInferRequest.InferInputTensor.parameters: object expected");
                    message.parameters = {};
                    for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.parameters, keys[i]);
                        if (!$util.isObject(object.parameters[keys[i]]))
                            throw TypeError(".inference.ModelInferRequest.InferInputTensor.parameters: object expected");
                        message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                    }
                }
                if (object.contents != null) {
                    if (!$util.isObject(object.contents))
                        throw TypeError(".inference.ModelInferRequest.InferInputTensor.contents: object expected");
                    message.contents = $root.inference.InferTensorContents.fromObject(object.contents, long + 1);
                }
                return message;
            };

            InferInputTensor.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.shape = [];
                if (options.objects || options.defaults)
                    object.parameters = {};
                if (options.defaults) {
                    object.name = "";
                    object.datatype = "";
                    object.contents = null;
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    object.datatype = message.datatype;
                if (message.shape && message.shape.length) {
                    object.shape = [];
                    for (let j = 0; j < message.shape.length; ++j)
                        if (typeof BigInt !== "undefined" && options.longs === BigInt)
                            object.shape[j] = typeof message.shape[j] === "number" ? BigInt(message.shape[j]) : $util.Long.fromBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0, false).toBigInt();
                        else if (typeof message.shape[j] === "number")
                            object.shape[j] = options.longs === String ? String(message.shape[j]) : message.shape[j];
                        else
                            object.shape[j] = options.longs === String ? $util.Long.prototype.toString.call(message.shape[j]) : options.longs === Number ? new $util.LongBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0).toNumber() : message.shape[j];
                }
                let keys2;
                if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                    object.parameters = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.parameters, keys2[j]);
                        object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                    }
                }
                if (message.contents != null && Object.hasOwnProperty.call(message, "contents"))
                    object.contents = $root.inference.InferTensorContents.toObject(message.contents, options, q + 1);
                return object;
            };

            InferInputTensor.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            InferInputTensor.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/inference.ModelInferRequest.InferInputTensor";
            };

            return InferInputTensor;
        })();

        ModelInferRequest.InferRequestedOutputTensor = (function() {

            function InferRequestedOutputTensor(properties) {
                this.parameters = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            InferRequestedOutputTensor.prototype.name = "";
            InferRequestedOutputTensor.prototype.parameters = $util.emptyObject;

            InferRequestedOutputTensor.create = function create(properties) {
                return new InferRequestedOutputTensor(properties);
            };

            InferRequestedOutputTensor.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                    for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                        writer.uint32(18).fork().uint32(10).string(keys[i]);
                        $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                return writer;
            };

            InferRequestedOutputTensor.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            InferRequestedOutputTensor.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.inference.ModelInferRequest.InferRequestedOutputTensor();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            if (message.parameters === $util.emptyObject)
                                message.parameters = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.parameters, key);
                            message.parameters[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            InferRequestedOutputTensor.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            InferRequestedOutputTensor.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                    if (!$util.isObject(message.parameters))
                        return "parameters: object expected";
                    let key = Object.keys(message.parameters);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                        if (error)
                            return "parameters." + error;
                    }
                }
                return null;
            };

            InferRequestedOutputTensor.fromObject = function fromObject(object, long) {
                if (object instanceof $root.inference.ModelInferRequest.InferRequestedOutputTensor)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".inference.ModelInferRequest.InferRequestedOutputTensor: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.inference.ModelInferRequest.InferRequestedOutputTensor();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.parameters) {
                    if (!$util.isObject(object.parameters))
                        throw TypeError(".inference.ModelInferRequest.InferRequestedOutputTensor.parameters: object expected");
                    message.parameters = {};
                    for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.parameters, keys[i]);
                        if (!$util.isObject(object.parameters[keys[i]]))
                            throw TypeError(".inference.ModelInferRequest.InferRequestedOutputTensor.parameters: object expected");
                        message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                    }
                }
                return message;
            };

            InferRequestedOutputTensor.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.parameters = {};
                if (options.defaults)
                    object.name = "";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                let keys2;
                if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                    object.parameters = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.parameters, keys2[j]);
                        object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                    }
                }
                return object;
            };

            InferRequestedOutputTensor.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            InferRequestedOutputTensor.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/inference.ModelInferRequest.InferRequestedOutputTensor";
            };

            return InferRequestedOutputTensor;
        })();

        return ModelInferRequest;
    })();

    inference.ModelInferResponse = (function() {

        function ModelInferResponse(properties) {
            this.parameters = {};
            this.outputs = [];
            this.rawOutputContents = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelInferResponse.prototype.modelName = "";
        ModelInferResponse.prototype.modelVersion = "";
        ModelInferResponse.prototype.id = "";
        ModelInferResponse.prototype.parameters = $util.emptyObject;
        ModelInferResponse.prototype.outputs = $util.emptyArray;
        ModelInferResponse.prototype.rawOutputContents = $util.emptyArray;

        ModelInferResponse.create = function create(properties) {
            return new ModelInferResponse(properties);
        };

        ModelInferResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                writer.uint32(10).string(message.modelName);
            if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
                writer.uint32(18).string(message.modelVersion);
            if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                writer.uint32(26).string(message.id);
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                    writer.uint32(34).fork().uint32(10).string(keys[i]);
                    $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                }
            if (message.outputs != null && message.outputs.length)
                for (let i = 0; i < message.outputs.length; ++i)
                    $root.inference.ModelInferResponse.InferOutputTensor.encode(message.outputs[i], writer.uint32(42).fork(), q + 1).ldelim();
            if (message.rawOutputContents != null && message.rawOutputContents.length)
                for (let i = 0; i < message.rawOutputContents.length; ++i)
                    writer.uint32(50).bytes(message.rawOutputContents[i]);
            return writer;
        };

        ModelInferResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelInferResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message, key, value;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelInferResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.modelName = reader.string();
                        break;
                    }
                case 2: {
                        message.modelVersion = reader.string();
                        break;
                    }
                case 3: {
                        message.id = reader.string();
                        break;
                    }
                case 4: {
                        if (message.parameters === $util.emptyObject)
                            message.parameters = {};
                        let end2 = reader.uint32() + reader.pos;
                        if (end2 > reader.len)
                            throw RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.uint32();
                            switch (tag2 >>> 3) {
                            case 1:
                                key = reader.string();
                                break;
                            case 2:
                                value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            default:
                                reader.skipType(tag2 & 7, long);
                                break;
                            }
                        }
                        if (reader.pos !== end2)
                            throw RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.parameters, key);
                        message.parameters[key] = value;
                        break;
                    }
                case 5: {
                        if (!(message.outputs && message.outputs.length))
                            message.outputs = [];
                        message.outputs.push($root.inference.ModelInferResponse.InferOutputTensor.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                case 6: {
                        if (!(message.rawOutputContents && message.rawOutputContents.length))
                            message.rawOutputContents = [];
                        message.rawOutputContents.push(reader.bytes());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelInferResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelInferResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                if (!$util.isString(message.modelName))
                    return "modelName: string expected";
            if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
                if (!$util.isString(message.modelVersion))
                    return "modelVersion: string expected";
            if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                if (!$util.isString(message.id))
                    return "id: string expected";
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                if (!$util.isObject(message.parameters))
                    return "parameters: object expected";
                let key = Object.keys(message.parameters);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                    if (error)
                        return "parameters." + error;
                }
            }
            if (message.outputs != null && Object.hasOwnProperty.call(message, "outputs")) {
                if (!Array.isArray(message.outputs))
                    return "outputs: array expected";
                for (let i = 0; i < message.outputs.length; ++i) {
                    let error = $root.inference.ModelInferResponse.InferOutputTensor.verify(message.outputs[i], long + 1);
                    if (error)
                        return "outputs." + error;
                }
            }
            if (message.rawOutputContents != null && Object.hasOwnProperty.call(message, "rawOutputContents")) {
                if (!Array.isArray(message.rawOutputContents))
                    return "rawOutputContents: array expected";
                for (let i = 0; i < message.rawOutputContents.length; ++i)
                    if (!(message.rawOutputContents[i] && typeof message.rawOutputContents[i].length === "number" || $util.isString(message.rawOutputContents[i])))
                        return "rawOutputContents: buffer[] expected";
            }
            return null;
        };

        ModelInferResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelInferResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelInferResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelInferResponse();
            if (object.modelName != null)
                message.modelName = String(object.modelName);
            if (object.modelVersion != null)
                message.modelVersion = String(object.modelVersion);
            if (object.id != null)
                message.id = String(object.id);
            if (object.parameters) {
                if (!$util.isObject(object.parameters))
                    throw TypeError(".inference.ModelInferResponse.parameters: object expected");
                message.parameters = {};
                for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.parameters, keys[i]);
                    if (!$util.isObject(object.parameters[keys[i]]))
                        throw TypeError(".inference.ModelInferResponse.parameters: object expected");
                    message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                }
            }
            if (object.outputs) {
                if (!Array.isArray(object.outputs))
                    throw TypeError(".inference.ModelInferResponse.outputs: array expected");
                message.outputs = [];
                for (let i = 0; i < object.outputs.length; ++i) {
                    if (!$util.isObject(object.outputs[i]))
                        throw TypeError(".inference.ModelInferResponse.outputs: object expected");
                    message.outputs[i] = $root.inference.ModelInferResponse.InferOutputTensor.fromObject(object.outputs[i], long + 1);
                }
            }
            if (object.rawOutputContents) {
                if (!Array.isArray(object.rawOutputContents))
                    throw TypeError(".inference.ModelInferResponse.rawOutputContents: array expected");
                message.rawOutputContents = [];
                for (let i = 0; i < object.rawOutputContents.length; ++i)
                    if (typeof object.rawOutputContents[i] === "string")
                        $util.base64.decode(object.rawOutputContents[i], message.rawOutputContents[i] = $util.newBuffer($util.base64.length(object.rawOutputContents[i])), 0);
                    else if (object.rawOutputContents[i].length >= 0)
                        message.rawOutputContents[i] = object.rawOutputContents[i];
            }
            return message;
        };

        ModelInferResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.outputs = [];
                object.rawOutputContents = [];
            }
            if (options.objects || options.defaults)
                object.parameters = {};
            if (options.defaults) {
                object.modelName = "";
                object.modelVersion = "";
                object.id = "";
            }
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                object.modelName = message.modelName;
            if (message.modelVersion != null && Object.hasOwnProperty.call(message, "modelVersion"))
                object.modelVersion = message.modelVersion;
            if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                object.id = message.id;
            let keys2;
            if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                object.parameters = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.parameters, keys2[j]);
                    object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                }
            }
            if (message.outputs && message.outputs.length) {
                object.outputs = [];
                for (let j = 0; j < message.outputs.length; ++j)
                    object.outputs[j] = $root.inference.ModelInferResponse.InferOutputTensor.toObject(message.outputs[j], options, q + 1);
            }
            if (message.rawOutputContents && message.rawOutputContents.length) {
                object.rawOutputContents = [];
                for (let j = 0; j < message.rawOutputContents.length; ++j)
                    object.rawOutputContents[j] = options.bytes === String ? $util.base64.encode(message.rawOutputContents[j], 0, message.rawOutputContents[j].length) : options.bytes === Array ? Array.prototype.slice.call(message.rawOutputContents[j]) : message.rawOutputContents[j];
            }
            return object;
        };

        ModelInferResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelInferResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelInferResponse";
        };

        ModelInferResponse.InferOutputTensor = (function() {

            function InferOutputTensor(properties) {
                this.shape = [];
                this.parameters = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            InferOutputTensor.prototype.name = "";
            InferOutputTensor.prototype.datatype = "";
            InferOutputTensor.prototype.shape = $util.emptyArray;
            InferOutputTensor.prototype.parameters = $util.emptyObject;
            InferOutputTensor.prototype.contents = null;

            InferOutputTensor.create = function create(properties) {
                return new InferOutputTensor(properties);
            };

            InferOutputTensor.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    writer.uint32(18).string(message.datatype);
                if (message.shape != null && message.shape.length) {
                    writer.uint32(26).fork();
                    for (let i = 0; i < message.shape.length; ++i)
                        writer.int64(message.shape[i]);
                    writer.ldelim();
                }
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                    for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                        writer.uint32(34).fork().uint32(10).string(keys[i]);
                        $root.inference.InferParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                if (message.contents != null && Object.hasOwnProperty.call(message, "contents"))
                    $root.inference.InferTensorContents.encode(message.contents, writer.uint32(42).fork(), q + 1).ldelim();
                return writer;
            };

            InferOutputTensor.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            InferOutputTensor.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.inference.ModelInferResponse.InferOutputTensor();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            message.datatype = reader.string();
                            break;
                        }
                    case 3: {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.shape.push(reader.int64());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.shape.push(reader.int64());
                            break;
                        }
                    case 4: {
                            if (message.parameters === $util.emptyObject)
                                message.parameters = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.inference.InferParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.parameters, key);
                            message.parameters[key] = value;
                            break;
                        }
                    case 5: {
                            message.contents = $root.inference.InferTensorContents.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            InferOutputTensor.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            InferOutputTensor.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    if (!$util.isString(message.datatype))
                        return "datatype: string expected";
                if (message.shape != null && Object.hasOwnProperty.call(message, "shape")) {
                    if (!Array.isArray(message.shape))
                        return "shape: array expected";
                    for (let i = 0; i < message.shape.length; ++i)
                        if (!$util.isInteger(message.shape[i]) && !(message.shape[i] && $util.isInteger(message.shape[i].low) && $util.isInteger(message.shape[i].high)))
                            return "shape: integer|Long[] expected";
                }
                if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                    if (!$util.isObject(message.parameters))
                        return "parameters: object expected";
                    let key = Object.keys(message.parameters);
                    for (let i = 0; i < key.length; ++i) {
                        let error = $root.inference.InferParameter.verify(message.parameters[key[i]], long + 1);
                        if (error)
                            return "parameters." + error;
                    }
                }
                if (message.contents != null && Object.hasOwnProperty.call(message, "contents")) {
                    let error = $root.inference.InferTensorContents.verify(message.contents, long + 1);
                    if (error)
                        return "contents." + error;
                }
                return null;
            };

            InferOutputTensor.fromObject = function fromObject(object, long) {
                if (object instanceof $root.inference.ModelInferResponse.InferOutputTensor)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".inference.ModelInferResponse.InferOutputTensor: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.inference.ModelInferResponse.InferOutputTensor();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.datatype != null)
                    message.datatype = String(object.datatype);
                if (object.shape) {
                    if (!Array.isArray(object.shape))
                        throw TypeError(".inference.ModelInferResponse.InferOutputTensor.shape: array expected");
                    message.shape = [];
                    for (let i = 0; i < object.shape.length; ++i)
                        if ($util.Long)
                            message.shape[i] = $util.Long.fromValue(object.shape[i], false);
                        else if (typeof object.shape[i] === "string")
                            message.shape[i] = parseInt(object.shape[i], 10);
                        else if (typeof object.shape[i] === "number")
                            message.shape[i] = object.shape[i];
                        else if (typeof object.shape[i] === "object")
                            message.shape[i] = new $util.LongBits(object.shape[i].low >>> 0, object.shape[i].high >>> 0).toNumber();
                }
                if (object.parameters) {
                    if (!$util.isObject(object.parameters))
                        throw TypeError(".inference.ModelInferResponse.InferOutputTensor.parameters: object expected");
                    message.parameters = {};
                    for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.parameters, keys[i]);
                        if (!$util.isObject(object.parameters[keys[i]]))
                            throw TypeError(".inference.ModelInferResponse.InferOutputTensor.parameters: object expected");
                        message.parameters[keys[i]] = $root.inference.InferParameter.fromObject(object.parameters[keys[i]], long + 1);
                    }
                }
                if (object.contents != null) {
                    if (!$util.isObject(object.contents))
                        throw TypeError(".inference.ModelInferResponse.InferOutputTensor.contents: object expected");
                    message.contents = $root.inference.InferTensorContents.fromObject(object.contents, long + 1);
                }
                return message;
            };

            InferOutputTensor.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.shape = [];
                if (options.objects || options.defaults)
                    object.parameters = {};
                if (options.defaults) {
                    object.name = "";
                    object.datatype = "";
                    object.contents = null;
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.datatype != null && Object.hasOwnProperty.call(message, "datatype"))
                    object.datatype = message.datatype;
                if (message.shape && message.shape.length) {
                    object.shape = [];
                    for (let j = 0; j < message.shape.length; ++j)
                        if (typeof BigInt !== "undefined" && options.longs === BigInt)
                            object.shape[j] = typeof message.shape[j] === "number" ? BigInt(message.shape[j]) : $util.Long.fromBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0, false).toBigInt();
                        else if (typeof message.shape[j] === "number")
                            object.shape[j] = options.longs === String ? String(message.shape[j]) : message.shape[j];
                        else
                            object.shape[j] = options.longs === String ? $util.Long.prototype.toString.call(message.shape[j]) : options.longs === Number ? new $util.LongBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0).toNumber() : message.shape[j];
                }
                let keys2;
                if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                    object.parameters = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.parameters, keys2[j]);
                        object.parameters[keys2[j]] = $root.inference.InferParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                    }
                }
                if (message.contents != null && Object.hasOwnProperty.call(message, "contents"))
                    object.contents = $root.inference.InferTensorContents.toObject(message.contents, options, q + 1);
                return object;
            };

            InferOutputTensor.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            InferOutputTensor.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/inference.ModelInferResponse.InferOutputTensor";
            };

            return InferOutputTensor;
        })();

        return ModelInferResponse;
    })();

    inference.InferParameter = (function() {

        function InferParameter(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        InferParameter.prototype.boolParam = null;
        InferParameter.prototype.int64Param = null;
        InferParameter.prototype.stringParam = null;

        let $oneOfFields;

        Object.defineProperty(InferParameter.prototype, "parameterChoice", {
            get: $util.oneOfGetter($oneOfFields = ["boolParam", "int64Param", "stringParam"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        InferParameter.create = function create(properties) {
            return new InferParameter(properties);
        };

        InferParameter.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.boolParam != null && Object.hasOwnProperty.call(message, "boolParam"))
                writer.uint32(8).bool(message.boolParam);
            if (message.int64Param != null && Object.hasOwnProperty.call(message, "int64Param"))
                writer.uint32(16).int64(message.int64Param);
            if (message.stringParam != null && Object.hasOwnProperty.call(message, "stringParam"))
                writer.uint32(26).string(message.stringParam);
            return writer;
        };

        InferParameter.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        InferParameter.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.InferParameter();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.boolParam = reader.bool();
                        break;
                    }
                case 2: {
                        message.int64Param = reader.int64();
                        break;
                    }
                case 3: {
                        message.stringParam = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        InferParameter.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        InferParameter.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            let properties = {};
            if (message.boolParam != null && Object.hasOwnProperty.call(message, "boolParam")) {
                properties.parameterChoice = 1;
                if (typeof message.boolParam !== "boolean")
                    return "boolParam: boolean expected";
            }
            if (message.int64Param != null && Object.hasOwnProperty.call(message, "int64Param")) {
                if (properties.parameterChoice === 1)
                    return "parameterChoice: multiple values";
                properties.parameterChoice = 1;
                if (!$util.isInteger(message.int64Param) && !(message.int64Param && $util.isInteger(message.int64Param.low) && $util.isInteger(message.int64Param.high)))
                    return "int64Param: integer|Long expected";
            }
            if (message.stringParam != null && Object.hasOwnProperty.call(message, "stringParam")) {
                if (properties.parameterChoice === 1)
                    return "parameterChoice: multiple values";
                properties.parameterChoice = 1;
                if (!$util.isString(message.stringParam))
                    return "stringParam: string expected";
            }
            return null;
        };

        InferParameter.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.InferParameter)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.InferParameter: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.InferParameter();
            if (object.boolParam != null)
                message.boolParam = Boolean(object.boolParam);
            if (object.int64Param != null)
                if ($util.Long)
                    message.int64Param = $util.Long.fromValue(object.int64Param, false);
                else if (typeof object.int64Param === "string")
                    message.int64Param = parseInt(object.int64Param, 10);
                else if (typeof object.int64Param === "number")
                    message.int64Param = object.int64Param;
                else if (typeof object.int64Param === "object")
                    message.int64Param = new $util.LongBits(object.int64Param.low >>> 0, object.int64Param.high >>> 0).toNumber();
            if (object.stringParam != null)
                message.stringParam = String(object.stringParam);
            return message;
        };

        InferParameter.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (message.boolParam != null && Object.hasOwnProperty.call(message, "boolParam")) {
                object.boolParam = message.boolParam;
                if (options.oneofs)
                    object.parameterChoice = "boolParam";
            }
            if (message.int64Param != null && Object.hasOwnProperty.call(message, "int64Param")) {
                if (typeof BigInt !== "undefined" && options.longs === BigInt)
                    object.int64Param = typeof message.int64Param === "number" ? BigInt(message.int64Param) : $util.Long.fromBits(message.int64Param.low >>> 0, message.int64Param.high >>> 0, false).toBigInt();
                else if (typeof message.int64Param === "number")
                    object.int64Param = options.longs === String ? String(message.int64Param) : message.int64Param;
                else
                    object.int64Param = options.longs === String ? $util.Long.prototype.toString.call(message.int64Param) : options.longs === Number ? new $util.LongBits(message.int64Param.low >>> 0, message.int64Param.high >>> 0).toNumber() : message.int64Param;
                if (options.oneofs)
                    object.parameterChoice = "int64Param";
            }
            if (message.stringParam != null && Object.hasOwnProperty.call(message, "stringParam")) {
                object.stringParam = message.stringParam;
                if (options.oneofs)
                    object.parameterChoice = "stringParam";
            }
            return object;
        };

        InferParameter.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        InferParameter.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.InferParameter";
        };

        return InferParameter;
    })();

    inference.InferTensorContents = (function() {

        function InferTensorContents(properties) {
            this.boolContents = [];
            this.intContents = [];
            this.int64Contents = [];
            this.uintContents = [];
            this.uint64Contents = [];
            this.fp32Contents = [];
            this.fp64Contents = [];
            this.bytesContents = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        InferTensorContents.prototype.boolContents = $util.emptyArray;
        InferTensorContents.prototype.intContents = $util.emptyArray;
        InferTensorContents.prototype.int64Contents = $util.emptyArray;
        InferTensorContents.prototype.uintContents = $util.emptyArray;
        InferTensorContents.prototype.uint64Contents = $util.emptyArray;
        InferTensorContents.prototype.fp32Contents = $util.emptyArray;
        InferTensorContents.prototype.fp64Contents = $util.emptyArray;
        InferTensorContents.prototype.bytesContents = $util.emptyArray;

        InferTensorContents.create = function create(properties) {
            return new InferTensorContents(properties);
        };

        InferTensorContents.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.boolContents != null && message.boolContents.length) {
                writer.uint32(10).fork();
                for (let i = 0; i < message.boolContents.length; ++i)
                    writer.bool(message.boolContents[i]);
                writer.ldelim();
            }
            if (message.intContents != null && message.intContents.length) {
                writer.uint32(18).fork();
                for (let i = 0; i < message.intContents.length; ++i)
                    writer.int32(message.intContents[i]);
                writer.ldelim();
            }
            if (message.int64Contents != null && message.int64Contents.length) {
                writer.uint32(26).fork();
                for (let i = 0; i < message.int64Contents.length; ++i)
                    writer.int64(message.int64Contents[i]);
                writer.ldelim();
            }
            if (message.uintContents != null && message.uintContents.length) {
                writer.uint32(34).fork();
                for (let i = 0; i < message.uintContents.length; ++i)
                    writer.uint32(message.uintContents[i]);
                writer.ldelim();
            }
            if (message.uint64Contents != null && message.uint64Contents.length) {
                writer.uint32(42).fork();
                for (let i = 0; i < message.uint64Contents.length; ++i)
                    writer.uint64(message.uint64Contents[i]);
                writer.ldelim();
            }
            if (message.fp32Contents != null && message.fp32Contents.length) {
                writer.uint32(50).fork();
                for (let i = 0; i < message.fp32Contents.length; ++i)
                    writer.float(message.fp32Contents[i]);
                writer.ldelim();
            }
            if (message.fp64Contents != null && message.fp64Contents.length) {
                writer.uint32(58).fork();
                for (let i = 0; i < message.fp64Contents.length; ++i)
                    writer.double(message.fp64Contents[i]);
                writer.ldelim();
            }
            if (message.bytesContents != null && message.bytesContents.length)
                for (let i = 0; i < message.bytesContents.length; ++i)
                    writer.uint32(66).bytes(message.bytesContents[i]);
            return writer;
        };

        InferTensorContents.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        InferTensorContents.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.InferTensorContents();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.boolContents && message.boolContents.length))
                            message.boolContents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.boolContents.push(reader.bool());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.boolContents.push(reader.bool());
                        break;
                    }
                case 2: {
                        if (!(message.intContents && message.intContents.length))
                            message.intContents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.intContents.push(reader.int32());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.intContents.push(reader.int32());
                        break;
                    }
                case 3: {
                        if (!(message.int64Contents && message.int64Contents.length))
                            message.int64Contents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.int64Contents.push(reader.int64());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.int64Contents.push(reader.int64());
                        break;
                    }
                case 4: {
                        if (!(message.uintContents && message.uintContents.length))
                            message.uintContents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.uintContents.push(reader.uint32());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.uintContents.push(reader.uint32());
                        break;
                    }
                case 5: {
                        if (!(message.uint64Contents && message.uint64Contents.length))
                            message.uint64Contents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.uint64Contents.push(reader.uint64());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.uint64Contents.push(reader.uint64());
                        break;
                    }
                case 6: {
                        if (!(message.fp32Contents && message.fp32Contents.length))
                            message.fp32Contents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.fp32Contents.push(reader.float());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.fp32Contents.push(reader.float());
                        break;
                    }
                case 7: {
                        if (!(message.fp64Contents && message.fp64Contents.length))
                            message.fp64Contents = [];
                        if ((tag & 7) === 2) {
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            while (reader.pos < end2)
                                message.fp64Contents.push(reader.double());
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                        } else
                            message.fp64Contents.push(reader.double());
                        break;
                    }
                case 8: {
                        if (!(message.bytesContents && message.bytesContents.length))
                            message.bytesContents = [];
                        message.bytesContents.push(reader.bytes());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        InferTensorContents.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        InferTensorContents.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.boolContents != null && Object.hasOwnProperty.call(message, "boolContents")) {
                if (!Array.isArray(message.boolContents))
                    return "boolContents: array expected";
                for (let i = 0; i < message.boolContents.length; ++i)
                    if (typeof message.boolContents[i] !== "boolean")
                        return "boolContents: boolean[] expected";
            }
            if (message.intContents != null && Object.hasOwnProperty.call(message, "intContents")) {
                if (!Array.isArray(message.intContents))
                    return "intContents: array expected";
                for (let i = 0; i < message.intContents.length; ++i)
                    if (!$util.isInteger(message.intContents[i]))
                        return "intContents: integer[] expected";
            }
            if (message.int64Contents != null && Object.hasOwnProperty.call(message, "int64Contents")) {
                if (!Array.isArray(message.int64Contents))
                    return "int64Contents: array expected";
                for (let i = 0; i < message.int64Contents.length; ++i)
                    if (!$util.isInteger(message.int64Contents[i]) && !(message.int64Contents[i] && $util.isInteger(message.int64Contents[i].low) && $util.isInteger(message.int64Contents[i].high)))
                        return "int64Contents: integer|Long[] expected";
            }
            if (message.uintContents != null && Object.hasOwnProperty.call(message, "uintContents")) {
                if (!Array.isArray(message.uintContents))
                    return "uintContents: array expected";
                for (let i = 0; i < message.uintContents.length; ++i)
                    if (!$util.isInteger(message.uintContents[i]))
                        return "uintContents: integer[] expected";
            }
            if (message.uint64Contents != null && Object.hasOwnProperty.call(message, "uint64Contents")) {
                if (!Array.isArray(message.uint64Contents))
                    return "uint64Contents: array expected";
                for (let i = 0; i < message.uint64Contents.length; ++i)
                    if (!$util.isInteger(message.uint64Contents[i]) && !(message.uint64Contents[i] && $util.isInteger(message.uint64Contents[i].low) && $util.isInteger(message.uint64Contents[i].high)))
                        return "uint64Contents: integer|Long[] expected";
            }
            if (message.fp32Contents != null && Object.hasOwnProperty.call(message, "fp32Contents")) {
                if (!Array.isArray(message.fp32Contents))
                    return "fp32Contents: array expected";
                for (let i = 0; i < message.fp32Contents.length; ++i)
                    if (typeof message.fp32Contents[i] !== "number")
                        return "fp32Contents: number[] expected";
            }
            if (message.fp64Contents != null && Object.hasOwnProperty.call(message, "fp64Contents")) {
                if (!Array.isArray(message.fp64Contents))
                    return "fp64Contents: array expected";
                for (let i = 0; i < message.fp64Contents.length; ++i)
                    if (typeof message.fp64Contents[i] !== "number")
                        return "fp64Contents: number[] expected";
            }
            if (message.bytesContents != null && Object.hasOwnProperty.call(message, "bytesContents")) {
                if (!Array.isArray(message.bytesContents))
                    return "bytesContents: array expected";
                for (let i = 0; i < message.bytesContents.length; ++i)
                    if (!(message.bytesContents[i] && typeof message.bytesContents[i].length === "number" || $util.isString(message.bytesContents[i])))
                        return "bytesContents: buffer[] expected";
            }
            return null;
        };

        InferTensorContents.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.InferTensorContents)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.InferTensorContents: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.InferTensorContents();
            if (object.boolContents) {
                if (!Array.isArray(object.boolContents))
                    throw TypeError(".inference.InferTensorContents.boolContents: array expected");
                message.boolContents = [];
                for (let i = 0; i < object.boolContents.length; ++i)
                    message.boolContents[i] = Boolean(object.boolContents[i]);
            }
            if (object.intContents) {
                if (!Array.isArray(object.intContents))
                    throw TypeError(".inference.InferTensorContents.intContents: array expected");
                message.intContents = [];
                for (let i = 0; i < object.intContents.length; ++i)
                    message.intContents[i] = object.intContents[i] | 0;
            }
            if (object.int64Contents) {
                if (!Array.isArray(object.int64Contents))
                    throw TypeError(".inference.InferTensorContents.int64Contents: array expected");
                message.int64Contents = [];
                for (let i = 0; i < object.int64Contents.length; ++i)
                    if ($util.Long)
                        message.int64Contents[i] = $util.Long.fromValue(object.int64Contents[i], false);
                    else if (typeof object.int64Contents[i] === "string")
                        message.int64Contents[i] = parseInt(object.int64Contents[i], 10);
                    else if (typeof object.int64Contents[i] === "number")
                        message.int64Contents[i] = object.int64Contents[i];
                    else if (typeof object.int64Contents[i] === "object")
                        message.int64Contents[i] = new $util.LongBits(object.int64Contents[i].low >>> 0, object.int64Contents[i].high >>> 0).toNumber();
            }
            if (object.uintContents) {
                if (!Array.isArray(object.uintContents))
                    throw TypeError(".inference.InferTensorContents.uintContents: array expected");
                message.uintContents = [];
                for (let i = 0; i < object.uintContents.length; ++i)
                    message.uintContents[i] = object.uintContents[i] >>> 0;
            }
            if (object.uint64Contents) {
                if (!Array.isArray(object.uint64Contents))
                    throw TypeError(".inference.InferTensorContents.uint64Contents: array expected");
                message.uint64Contents = [];
                for (let i = 0; i < object.uint64Contents.length; ++i)
                    if ($util.Long)
                        message.uint64Contents[i] = $util.Long.fromValue(object.uint64Contents[i], true);
                    else if (typeof object.uint64Contents[i] === "string")
                        message.uint64Contents[i] = parseInt(object.uint64Contents[i], 10);
                    else if (typeof object.uint64Contents[i] === "number")
                        message.uint64Contents[i] = object.uint64Contents[i];
                    else if (typeof object.uint64Contents[i] === "object")
                        message.uint64Contents[i] = new $util.LongBits(object.uint64Contents[i].low >>> 0, object.uint64Contents[i].high >>> 0).toNumber(true);
            }
            if (object.fp32Contents) {
                if (!Array.isArray(object.fp32Contents))
                    throw TypeError(".inference.InferTensorContents.fp32Contents: array expected");
                message.fp32Contents = [];
                for (let i = 0; i < object.fp32Contents.length; ++i)
                    message.fp32Contents[i] = Number(object.fp32Contents[i]);
            }
            if (object.fp64Contents) {
                if (!Array.isArray(object.fp64Contents))
                    throw TypeError(".inference.InferTensorContents.fp64Contents: array expected");
                message.fp64Contents = [];
                for (let i = 0; i < object.fp64Contents.length; ++i)
                    message.fp64Contents[i] = Number(object.fp64Contents[i]);
            }
            if (object.bytesContents) {
                if (!Array.isArray(object.bytesContents))
                    throw TypeError(".inference.InferTensorContents.bytesContents: array expected");
                message.bytesContents = [];
                for (let i = 0; i < object.bytesContents.length; ++i)
                    if (typeof object.bytesContents[i] === "string")
                        $util.base64.decode(object.bytesContents[i], message.bytesContents[i] = $util.newBuffer($util.base64.length(object.bytesContents[i])), 0);
                    else if (object.bytesContents[i].length >= 0)
                        message.bytesContents[i] = object.bytesContents[i];
            }
            return message;
        };

        InferTensorContents.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.boolContents = [];
                object.intContents = [];
                object.int64Contents = [];
                object.uintContents = [];
                object.uint64Contents = [];
                object.fp32Contents = [];
                object.fp64Contents = [];
                object.bytesContents = [];
            }
            if (message.boolContents && message.boolContents.length) {
                object.boolContents = [];
                for (let j = 0; j < message.boolContents.length; ++j)
                    object.boolContents[j] = message.boolContents[j];
            }
            if (message.intContents && message.intContents.length) {
                object.intContents = [];
                for (let j = 0; j < message.intContents.length; ++j)
                    object.intContents[j] = message.intContents[j];
            }
            if (message.int64Contents && message.int64Contents.length) {
                object.int64Contents = [];
                for (let j = 0; j < message.int64Contents.length; ++j)
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.int64Contents[j] = typeof message.int64Contents[j] === "number" ? BigInt(message.int64Contents[j]) : $util.Long.fromBits(message.int64Contents[j].low >>> 0, message.int64Contents[j].high >>> 0, false).toBigInt();
                    else if (typeof message.int64Contents[j] === "number")
                        object.int64Contents[j] = options.longs === String ? String(message.int64Contents[j]) : message.int64Contents[j];
                    else
                        object.int64Contents[j] = options.longs === String ? $util.Long.prototype.toString.call(message.int64Contents[j]) : options.longs === Number ? new $util.LongBits(message.int64Contents[j].low >>> 0, message.int64Contents[j].high >>> 0).toNumber() : message.int64Contents[j];
            }
            if (message.uintContents && message.uintContents.length) {
                object.uintContents = [];
                for (let j = 0; j < message.uintContents.length; ++j)
                    object.uintContents[j] = message.uintContents[j];
            }
            if (message.uint64Contents && message.uint64Contents.length) {
                object.uint64Contents = [];
                for (let j = 0; j < message.uint64Contents.length; ++j)
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.uint64Contents[j] = typeof message.uint64Contents[j] === "number" ? BigInt(message.uint64Contents[j]) : $util.Long.fromBits(message.uint64Contents[j].low >>> 0, message.uint64Contents[j].high >>> 0, true).toBigInt();
                    else if (typeof message.uint64Contents[j] === "number")
                        object.uint64Contents[j] = options.longs === String ? String(message.uint64Contents[j]) : message.uint64Contents[j];
                    else
                        object.uint64Contents[j] = options.longs === String ? $util.Long.prototype.toString.call(message.uint64Contents[j]) : options.longs === Number ? new $util.LongBits(message.uint64Contents[j].low >>> 0, message.uint64Contents[j].high >>> 0).toNumber(true) : message.uint64Contents[j];
            }
            if (message.fp32Contents && message.fp32Contents.length) {
                object.fp32Contents = [];
                for (let j = 0; j < message.fp32Contents.length; ++j)
                    object.fp32Contents[j] = options.json && !isFinite(message.fp32Contents[j]) ? String(message.fp32Contents[j]) : message.fp32Contents[j];
            }
            if (message.fp64Contents && message.fp64Contents.length) {
                object.fp64Contents = [];
                for (let j = 0; j < message.fp64Contents.length; ++j)
                    object.fp64Contents[j] = options.json && !isFinite(message.fp64Contents[j]) ? String(message.fp64Contents[j]) : message.fp64Contents[j];
            }
            if (message.bytesContents && message.bytesContents.length) {
                object.bytesContents = [];
                for (let j = 0; j < message.bytesContents.length; ++j)
                    object.bytesContents[j] = options.bytes === String ? $util.base64.encode(message.bytesContents[j], 0, message.bytesContents[j].length) : options.bytes === Array ? Array.prototype.slice.call(message.bytesContents[j]) : message.bytesContents[j];
            }
            return object;
        };

        InferTensorContents.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        InferTensorContents.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.InferTensorContents";
        };

        return InferTensorContents;
    })();

    inference.ModelRepositoryParameter = (function() {

        function ModelRepositoryParameter(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        ModelRepositoryParameter.prototype.boolParam = null;
        ModelRepositoryParameter.prototype.int64Param = null;
        ModelRepositoryParameter.prototype.stringParam = null;
        ModelRepositoryParameter.prototype.bytesParam = null;

        let $oneOfFields;

        Object.defineProperty(ModelRepositoryParameter.prototype, "parameterChoice", {
            get: $util.oneOfGetter($oneOfFields = ["boolParam", "int64Param", "stringParam", "bytesParam"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        ModelRepositoryParameter.create = function create(properties) {
            return new ModelRepositoryParameter(properties);
        };

        ModelRepositoryParameter.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.boolParam != null && Object.hasOwnProperty.call(message, "boolParam"))
                writer.uint32(8).bool(message.boolParam);
            if (message.int64Param != null && Object.hasOwnProperty.call(message, "int64Param"))
                writer.uint32(16).int64(message.int64Param);
            if (message.stringParam != null && Object.hasOwnProperty.call(message, "stringParam"))
                writer.uint32(26).string(message.stringParam);
            if (message.bytesParam != null && Object.hasOwnProperty.call(message, "bytesParam"))
                writer.uint32(34).bytes(message.bytesParam);
            return writer;
        };

        ModelRepositoryParameter.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        ModelRepositoryParameter.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.ModelRepositoryParameter();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.boolParam = reader.bool();
                        break;
                    }
                case 2: {
                        message.int64Param = reader.int64();
                        break;
                    }
                case 3: {
                        message.stringParam = reader.string();
                        break;
                    }
                case 4: {
                        message.bytesParam = reader.bytes();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        ModelRepositoryParameter.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        ModelRepositoryParameter.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            let properties = {};
            if (message.boolParam != null && Object.hasOwnProperty.call(message, "boolParam")) {
                properties.parameterChoice = 1;
                if (typeof message.boolParam !== "boolean")
                    return "boolParam: boolean expected";
            }
            if (message.int64Param != null && Object.hasOwnProperty.call(message, "int64Param")) {
                if (properties.parameterChoice === 1)
                    return "parameterChoice: multiple values";
                properties.parameterChoice = 1;
                if (!$util.isInteger(message.int64Param) && !(message.int64Param && $util.isInteger(message.int64Param.low) && $util.isInteger(message.int64Param.high)))
                    return "int64Param: integer|Long expected";
            }
            if (message.stringParam != null && Object.hasOwnProperty.call(message, "stringParam")) {
                if (properties.parameterChoice === 1)
                    return "parameterChoice: multiple values";
                properties.parameterChoice = 1;
                if (!$util.isString(message.stringParam))
                    return "stringParam: string expected";
            }
            if (message.bytesParam != null && Object.hasOwnProperty.call(message, "bytesParam")) {
                if (properties.parameterChoice === 1)
                    return "parameterChoice: multiple values";
                properties.parameterChoice = 1;
                if (!(message.bytesParam && typeof message.bytesParam.length === "number" || $util.isString(message.bytesParam)))
                    return "bytesParam: buffer expected";
            }
            return null;
        };

        ModelRepositoryParameter.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.ModelRepositoryParameter)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.ModelRepositoryParameter: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.ModelRepositoryParameter();
            if (object.boolParam != null)
                message.boolParam = Boolean(object.boolParam);
            if (object.int64Param != null)
                if ($util.Long)
                    message.int64Param = $util.Long.fromValue(object.int64Param, false);
                else if (typeof object.int64Param === "string")
                    message.int64Param = parseInt(object.int64Param, 10);
                else if (typeof object.int64Param === "number")
                    message.int64Param = object.int64Param;
                else if (typeof object.int64Param === "object")
                    message.int64Param = new $util.LongBits(object.int64Param.low >>> 0, object.int64Param.high >>> 0).toNumber();
            if (object.stringParam != null)
                message.stringParam = String(object.stringParam);
            if (object.bytesParam != null)
                if (typeof object.bytesParam === "string")
                    $util.base64.decode(object.bytesParam, message.bytesParam = $util.newBuffer($util.base64.length(object.bytesParam)), 0);
                else if (object.bytesParam.length >= 0)
                    message.bytesParam = object.bytesParam;
            return message;
        };

        ModelRepositoryParameter.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (message.boolParam != null && Object.hasOwnProperty.call(message, "boolParam")) {
                object.boolParam = message.boolParam;
                if (options.oneofs)
                    object.parameterChoice = "boolParam";
            }
            if (message.int64Param != null && Object.hasOwnProperty.call(message, "int64Param")) {
                if (typeof BigInt !== "undefined" && options.longs === BigInt)
                    object.int64Param = typeof message.int64Param === "number" ? BigInt(message.int64Param) : $util.Long.fromBits(message.int64Param.low >>> 0, message.int64Param.high >>> 0, false).toBigInt();
                else if (typeof message.int64Param === "number")
                    object.int64Param = options.longs === String ? String(message.int64Param) : message.int64Param;
                else
                    object.int64Param = options.longs === String ? $util.Long.prototype.toString.call(message.int64Param) : options.longs === Number ? new $util.LongBits(message.int64Param.low >>> 0, message.int64Param.high >>> 0).toNumber() : message.int64Param;
                if (options.oneofs)
                    object.parameterChoice = "int64Param";
            }
            if (message.stringParam != null && Object.hasOwnProperty.call(message, "stringParam")) {
                object.stringParam = message.stringParam;
                if (options.oneofs)
                    object.parameterChoice = "stringParam";
            }
            if (message.bytesParam != null && Object.hasOwnProperty.call(message, "bytesParam")) {
                object.bytesParam = options.bytes === String ? $util.base64.encode(message.bytesParam, 0, message.bytesParam.length) : options.bytes === Array ? Array.prototype.slice.call(message.bytesParam) : message.bytesParam;
                if (options.oneofs)
                    object.parameterChoice = "bytesParam";
            }
            return object;
        };

        ModelRepositoryParameter.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        ModelRepositoryParameter.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.ModelRepositoryParameter";
        };

        return ModelRepositoryParameter;
    })();

    inference.RepositoryIndexRequest = (function() {

        function RepositoryIndexRequest(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RepositoryIndexRequest.prototype.repositoryName = "";
        RepositoryIndexRequest.prototype.ready = false;

        RepositoryIndexRequest.create = function create(properties) {
            return new RepositoryIndexRequest(properties);
        };

        RepositoryIndexRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                writer.uint32(10).string(message.repositoryName);
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                writer.uint32(16).bool(message.ready);
            return writer;
        };

        RepositoryIndexRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        RepositoryIndexRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.RepositoryIndexRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.repositoryName = reader.string();
                        break;
                    }
                case 2: {
                        message.ready = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RepositoryIndexRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        RepositoryIndexRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                if (!$util.isString(message.repositoryName))
                    return "repositoryName: string expected";
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                if (typeof message.ready !== "boolean")
                    return "ready: boolean expected";
            return null;
        };

        RepositoryIndexRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.RepositoryIndexRequest)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.RepositoryIndexRequest: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.RepositoryIndexRequest();
            if (object.repositoryName != null)
                message.repositoryName = String(object.repositoryName);
            if (object.ready != null)
                message.ready = Boolean(object.ready);
            return message;
        };

        RepositoryIndexRequest.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.repositoryName = "";
                object.ready = false;
            }
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                object.repositoryName = message.repositoryName;
            if (message.ready != null && Object.hasOwnProperty.call(message, "ready"))
                object.ready = message.ready;
            return object;
        };

        RepositoryIndexRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        RepositoryIndexRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.RepositoryIndexRequest";
        };

        return RepositoryIndexRequest;
    })();

    inference.RepositoryIndexResponse = (function() {

        function RepositoryIndexResponse(properties) {
            this.models = [];
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RepositoryIndexResponse.prototype.models = $util.emptyArray;

        RepositoryIndexResponse.create = function create(properties) {
            return new RepositoryIndexResponse(properties);
        };

        RepositoryIndexResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.models != null && message.models.length)
                for (let i = 0; i < message.models.length; ++i)
                    $root.inference.RepositoryIndexResponse.ModelIndex.encode(message.models[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        RepositoryIndexResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        RepositoryIndexResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.RepositoryIndexResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.models && message.models.length))
                            message.models = [];
                        message.models.push($root.inference.RepositoryIndexResponse.ModelIndex.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RepositoryIndexResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        RepositoryIndexResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.models != null && Object.hasOwnProperty.call(message, "models")) {
                if (!Array.isArray(message.models))
                    return "models: array expected";
                for (let i = 0; i < message.models.length; ++i) {
                    let error = $root.inference.RepositoryIndexResponse.ModelIndex.verify(message.models[i], long + 1);
                    if (error)
                        return "models." + error;
                }
            }
            return null;
        };

        RepositoryIndexResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.RepositoryIndexResponse)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.RepositoryIndexResponse: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.RepositoryIndexResponse();
            if (object.models) {
                if (!Array.isArray(object.models))
                    throw TypeError(".inference.RepositoryIndexResponse.models: array expected");
                message.models = [];
                for (let i = 0; i < object.models.length; ++i) {
                    if (!$util.isObject(object.models[i]))
                        throw TypeError(".inference.RepositoryIndexResponse.models: object expected");
                    message.models[i] = $root.inference.RepositoryIndexResponse.ModelIndex.fromObject(object.models[i], long + 1);
                }
            }
            return message;
        };

        RepositoryIndexResponse.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.models = [];
            if (message.models && message.models.length) {
                object.models = [];
                for (let j = 0; j < message.models.length; ++j)
                    object.models[j] = $root.inference.RepositoryIndexResponse.ModelIndex.toObject(message.models[j], options, q + 1);
            }
            return object;
        };

        RepositoryIndexResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        RepositoryIndexResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.RepositoryIndexResponse";
        };

        RepositoryIndexResponse.ModelIndex = (function() {

            function ModelIndex(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ModelIndex.prototype.name = "";
            ModelIndex.prototype.version = "";
            ModelIndex.prototype.state = "";
            ModelIndex.prototype.reason = "";

            ModelIndex.create = function create(properties) {
                return new ModelIndex(properties);
            };

            ModelIndex.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    writer.uint32(10).string(message.name);
                if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                    writer.uint32(18).string(message.version);
                if (message.state != null && Object.hasOwnProperty.call(message, "state"))
                    writer.uint32(26).string(message.state);
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(34).string(message.reason);
                return writer;
            };

            ModelIndex.encodeDelimited = function encodeDelimited(message, writer) {
                return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
            };

            ModelIndex.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.inference.RepositoryIndexResponse.ModelIndex();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.name = reader.string();
                            break;
                        }
                    case 2: {
                            message.version = reader.string();
                            break;
                        }
                    case 3: {
                            message.state = reader.string();
                            break;
                        }
                    case 4: {
                            message.reason = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ModelIndex.decodeDelimited = function decodeDelimited(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.uint32());
            };

            ModelIndex.verify = function verify(message, long) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    return "maximum nesting depth exceeded";
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                if (message.state != null && Object.hasOwnProperty.call(message, "state"))
                    if (!$util.isString(message.state))
                        return "state: string expected";
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            ModelIndex.fromObject = function fromObject(object, long) {
                if (object instanceof $root.inference.RepositoryIndexResponse.ModelIndex)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".inference.RepositoryIndexResponse.ModelIndex: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.inference.RepositoryIndexResponse.ModelIndex();
                if (object.name != null)
                    message.name = String(object.name);
                if (object.version != null)
                    message.version = String(object.version);
                if (object.state != null)
                    message.state = String(object.state);
                if (object.reason != null)
                    message.reason = String(object.reason);
                return message;
            };

            ModelIndex.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.name = "";
                    object.version = "";
                    object.state = "";
                    object.reason = "";
                }
                if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.state != null && Object.hasOwnProperty.call(message, "state"))
                    object.state = message.state;
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            ModelIndex.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            ModelIndex.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/inference.RepositoryIndexResponse.ModelIndex";
            };

            return ModelIndex;
        })();

        return RepositoryIndexResponse;
    })();

    inference.RepositoryModelLoadRequest = (function() {

        function RepositoryModelLoadRequest(properties) {
            this.parameters = {};
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RepositoryModelLoadRequest.prototype.repositoryName = "";
        RepositoryModelLoadRequest.prototype.modelName = "";
        RepositoryModelLoadRequest.prototype.parameters = $util.emptyObject;

        RepositoryModelLoadRequest.create = function create(properties) {
            return new RepositoryModelLoadRequest(properties);
        };

        RepositoryModelLoadRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                writer.uint32(10).string(message.repositoryName);
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                writer.uint32(18).string(message.modelName);
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                    writer.uint32(26).fork().uint32(10).string(keys[i]);
                    $root.inference.ModelRepositoryParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                }
            return writer;
        };

        RepositoryModelLoadRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        RepositoryModelLoadRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message, key, value;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.RepositoryModelLoadRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.repositoryName = reader.string();
                        break;
                    }
                case 2: {
                        message.modelName = reader.string();
                        break;
                    }
                case 3: {
                        if (message.parameters === $util.emptyObject)
                            message.parameters = {};
                        let end2 = reader.uint32() + reader.pos;
                        if (end2 > reader.len)
                            throw RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.uint32();
                            switch (tag2 >>> 3) {
                            case 1:
                                key = reader.string();
                                break;
                            case 2:
                                value = $root.inference.ModelRepositoryParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            default:
                                reader.skipType(tag2 & 7, long);
                                break;
                            }
                        }
                        if (reader.pos !== end2)
                            throw RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.parameters, key);
                        message.parameters[key] = value;
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RepositoryModelLoadRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        RepositoryModelLoadRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                if (!$util.isString(message.repositoryName))
                    return "repositoryName: string expected";
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                if (!$util.isString(message.modelName))
                    return "modelName: string expected";
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                if (!$util.isObject(message.parameters))
                    return "parameters: object expected";
                let key = Object.keys(message.parameters);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.inference.ModelRepositoryParameter.verify(message.parameters[key[i]], long + 1);
                    if (error)
                        return "parameters." + error;
                }
            }
            return null;
        };

        RepositoryModelLoadRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.RepositoryModelLoadRequest)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.RepositoryModelLoadRequest: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.RepositoryModelLoadRequest();
            if (object.repositoryName != null)
                message.repositoryName = String(object.repositoryName);
            if (object.modelName != null)
                message.modelName = String(object.modelName);
            if (object.parameters) {
                if (!$util.isObject(object.parameters))
                    throw TypeError(".inference.RepositoryModelLoadRequest.parameters: object expected");
                message.parameters = {};
                for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.parameters, keys[i]);
                    if (!$util.isObject(object.parameters[keys[i]]))
                        throw TypeError(".inference.RepositoryModelLoadRequest.parameters: object expected");
                    message.parameters[keys[i]] = $root.inference.ModelRepositoryParameter.fromObject(object.parameters[keys[i]], long + 1);
                }
            }
            return message;
        };

        RepositoryModelLoadRequest.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.objects || options.defaults)
                object.parameters = {};
            if (options.defaults) {
                object.repositoryName = "";
                object.modelName = "";
            }
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                object.repositoryName = message.repositoryName;
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                object.modelName = message.modelName;
            let keys2;
            if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                object.parameters = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.parameters, keys2[j]);
                    object.parameters[keys2[j]] = $root.inference.ModelRepositoryParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                }
            }
            return object;
        };

        RepositoryModelLoadRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        RepositoryModelLoadRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.RepositoryModelLoadRequest";
        };

        return RepositoryModelLoadRequest;
    })();

    inference.RepositoryModelLoadResponse = (function() {

        function RepositoryModelLoadResponse(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RepositoryModelLoadResponse.create = function create(properties) {
            return new RepositoryModelLoadResponse(properties);
        };

        RepositoryModelLoadResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        RepositoryModelLoadResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        RepositoryModelLoadResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.RepositoryModelLoadResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RepositoryModelLoadResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        RepositoryModelLoadResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            return null;
        };

        RepositoryModelLoadResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.RepositoryModelLoadResponse)
                return object;
            return new $root.inference.RepositoryModelLoadResponse();
        };

        RepositoryModelLoadResponse.toObject = function toObject() {
            return {};
        };

        RepositoryModelLoadResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        RepositoryModelLoadResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.RepositoryModelLoadResponse";
        };

        return RepositoryModelLoadResponse;
    })();

    inference.RepositoryModelUnloadRequest = (function() {

        function RepositoryModelUnloadRequest(properties) {
            this.parameters = {};
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RepositoryModelUnloadRequest.prototype.repositoryName = "";
        RepositoryModelUnloadRequest.prototype.modelName = "";
        RepositoryModelUnloadRequest.prototype.parameters = $util.emptyObject;

        RepositoryModelUnloadRequest.create = function create(properties) {
            return new RepositoryModelUnloadRequest(properties);
        };

        RepositoryModelUnloadRequest.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                writer.uint32(10).string(message.repositoryName);
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                writer.uint32(18).string(message.modelName);
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters"))
                for (let keys = Object.keys(message.parameters), i = 0; i < keys.length; ++i) {
                    writer.uint32(26).fork().uint32(10).string(keys[i]);
                    $root.inference.ModelRepositoryParameter.encode(message.parameters[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                }
            return writer;
        };

        RepositoryModelUnloadRequest.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        RepositoryModelUnloadRequest.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message, key, value;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.RepositoryModelUnloadRequest();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.repositoryName = reader.string();
                        break;
                    }
                case 2: {
                        message.modelName = reader.string();
                        break;
                    }
                case 3: {
                        if (message.parameters === $util.emptyObject)
                            message.parameters = {};
                        let end2 = reader.uint32() + reader.pos;
                        if (end2 > reader.len)
                            throw RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.uint32();
                            switch (tag2 >>> 3) {
                            case 1:
                                key = reader.string();
                                break;
                            case 2:
                                value = $root.inference.ModelRepositoryParameter.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            default:
                                reader.skipType(tag2 & 7, long);
                                break;
                            }
                        }
                        if (reader.pos !== end2)
                            throw RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.parameters, key);
                        message.parameters[key] = value;
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RepositoryModelUnloadRequest.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        RepositoryModelUnloadRequest.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                if (!$util.isString(message.repositoryName))
                    return "repositoryName: string expected";
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                if (!$util.isString(message.modelName))
                    return "modelName: string expected";
            if (message.parameters != null && Object.hasOwnProperty.call(message, "parameters")) {
                if (!$util.isObject(message.parameters))
                    return "parameters: object expected";
                let key = Object.keys(message.parameters);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.inference.ModelRepositoryParameter.verify(message.parameters[key[i]], long + 1);
                    if (error)
                        return "parameters." + error;
                }
            }
            return null;
        };

        RepositoryModelUnloadRequest.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.RepositoryModelUnloadRequest)
                return object;
            if (!$util.isObject(object))
                throw TypeError(".inference.RepositoryModelUnloadRequest: object expected");
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let message = new $root.inference.RepositoryModelUnloadRequest();
            if (object.repositoryName != null)
                message.repositoryName = String(object.repositoryName);
            if (object.modelName != null)
                message.modelName = String(object.modelName);
            if (object.parameters) {
                if (!$util.isObject(object.parameters))
                    throw TypeError(".inference.RepositoryModelUnloadRequest.parameters: object expected");
                message.parameters = {};
                for (let keys = Object.keys(object.parameters), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.parameters, keys[i]);
                    if (!$util.isObject(object.parameters[keys[i]]))
                        throw TypeError(".inference.RepositoryModelUnloadRequest.parameters: object expected");
                    message.parameters[keys[i]] = $root.inference.ModelRepositoryParameter.fromObject(object.parameters[keys[i]], long + 1);
                }
            }
            return message;
        };

        RepositoryModelUnloadRequest.toObject = function toObject(message, options, q) {
            if (!options)
                options = {};
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            let object = {};
            if (options.objects || options.defaults)
                object.parameters = {};
            if (options.defaults) {
                object.repositoryName = "";
                object.modelName = "";
            }
            if (message.repositoryName != null && Object.hasOwnProperty.call(message, "repositoryName"))
                object.repositoryName = message.repositoryName;
            if (message.modelName != null && Object.hasOwnProperty.call(message, "modelName"))
                object.modelName = message.modelName;
            let keys2;
            if (message.parameters && (keys2 = Object.keys(message.parameters)).length) {
                object.parameters = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.parameters, keys2[j]);
                    object.parameters[keys2[j]] = $root.inference.ModelRepositoryParameter.toObject(message.parameters[keys2[j]], options, q + 1);
                }
            }
            return object;
        };

        RepositoryModelUnloadRequest.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        RepositoryModelUnloadRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.RepositoryModelUnloadRequest";
        };

        return RepositoryModelUnloadRequest;
    })();

    inference.RepositoryModelUnloadResponse = (function() {

        function RepositoryModelUnloadResponse(properties) {
            if (properties)
                for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RepositoryModelUnloadResponse.create = function create(properties) {
            return new RepositoryModelUnloadResponse(properties);
        };

        RepositoryModelUnloadResponse.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        RepositoryModelUnloadResponse.encodeDelimited = function encodeDelimited(message, writer) {
            return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
        };

        RepositoryModelUnloadResponse.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            let end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.inference.RepositoryModelUnloadResponse();
            while (reader.pos < end) {
                let tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RepositoryModelUnloadResponse.decodeDelimited = function decodeDelimited(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.uint32());
        };

        RepositoryModelUnloadResponse.verify = function verify(message, long) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (long === undefined)
                long = 0;
            if (long > $util.recursionLimit)
                return "maximum nesting depth exceeded";
            return null;
        };

        RepositoryModelUnloadResponse.fromObject = function fromObject(object, long) {
            if (object instanceof $root.inference.RepositoryModelUnloadResponse)
                return object;
            return new $root.inference.RepositoryModelUnloadResponse();
        };

        RepositoryModelUnloadResponse.toObject = function toObject() {
            return {};
        };

        RepositoryModelUnloadResponse.prototype.toJSON = function toJSON() {
            return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
        };

        RepositoryModelUnloadResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/inference.RepositoryModelUnloadResponse";
        };

        return RepositoryModelUnloadResponse;
    })();

    return inference;
})();

export { $root as default };
