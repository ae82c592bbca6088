import * as $protobuf from "protobufjs";
import Long = require("long");
export namespace seldon {

    namespace protos {

        interface ISeldonMessage {
            status?: (seldon.protos.IStatus|null);
            meta?: (seldon.protos.IMeta|null);
            data?: (seldon.protos.IDefaultData|null);
            binData?: (Uint8Array|null);
            strData?: (string|null);
            jsonData?: (google.protobuf.IValue|null);
            customData?: (google.protobuf.IAny|null);
        }

        class SeldonMessage implements ISeldonMessage {
            constructor(properties?: seldon.protos.ISeldonMessage);
            public status?: (seldon.protos.IStatus|null);
            public meta?: (seldon.protos.IMeta|null);
            public data?: (seldon.protos.IDefaultData|null);
            public binData?: (Uint8Array|null);
            public strData?: (string|null);
            public jsonData?: (google.protobuf.IValue|null);
            public customData?: (google.protobuf.IAny|null);
            public dataOneof?: ("data"|"binData"|"strData"|"jsonData"|"customData");
            public static create(properties?: seldon.protos.ISeldonMessage): seldon.protos.SeldonMessage;
            public static encode(message: seldon.protos.ISeldonMessage, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ISeldonMessage, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.SeldonMessage;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.SeldonMessage;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.SeldonMessage;
            public static toObject(message: seldon.protos.SeldonMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IDefaultData {
            names?: (string[]|null);
            tensor?: (seldon.protos.ITensor|null);
            ndarray?: (google.protobuf.IListValue|null);
            tftensor?: (tensorflow.ITensorProto|null);
        }

        class DefaultData implements IDefaultData {
            constructor(properties?: seldon.protos.IDefaultData);
            public names: string[];
            public tensor?: (seldon.protos.ITensor|null);
            public ndarray?: (google.protobuf.IListValue|null);
            public tftensor?: (tensorflow.ITensorProto|null);
            public dataOneof?: ("tensor"|"ndarray"|"tftensor");
            public static create(properties?: seldon.protos.IDefaultData): seldon.protos.DefaultData;
            public static encode(message: seldon.protos.IDefaultData, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.IDefaultData, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.DefaultData;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.DefaultData;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.DefaultData;
            public static toObject(message: seldon.protos.DefaultData, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ITensor {
            shape?: (number[]|null);
            values?: (number[]|null);
        }

        class Tensor implements ITensor {
            constructor(properties?: seldon.protos.ITensor);
            public shape: number[];
            public values: number[];
            public static create(properties?: seldon.protos.ITensor): seldon.protos.Tensor;
            public static encode(message: seldon.protos.ITensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ITensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.Tensor;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.Tensor;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.Tensor;
            public static toObject(message: seldon.protos.Tensor, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IMeta {
            puid?: (string|null);
            tags?: ({ [k: string]: google.protobuf.IValue }|null);
            routing?: ({ [k: string]: number }|null);
            requestPath?: ({ [k: string]: string }|null);
            metrics?: (seldon.protos.IMetric[]|null);
        }

        class Meta implements IMeta {
            constructor(properties?: seldon.protos.IMeta);
            public puid: string;
            public tags: { [k: string]: google.protobuf.IValue };
            public routing: { [k: string]: number };
            public requestPath: { [k: string]: string };
            public metrics: seldon.protos.IMetric[];
            public static create(properties?: seldon.protos.IMeta): seldon.protos.Meta;
            public static encode(message: seldon.protos.IMeta, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.IMeta, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.Meta;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.Meta;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.Meta;
            public static toObject(message: seldon.protos.Meta, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IMetric {
            key?: (string|null);
            type?: (seldon.protos.Metric.MetricType|null);
            value?: (number|null);
            tags?: ({ [k: string]: string }|null);
        }

        class Metric implements IMetric {
            constructor(properties?: seldon.protos.IMetric);
            public key: string;
            public type: seldon.protos.Metric.MetricType;
            public value: number;
            public tags: { [k: string]: string };
            public static create(properties?: seldon.protos.IMetric): seldon.protos.Metric;
            public static encode(message: seldon.protos.IMetric, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.IMetric, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.Metric;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.Metric;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.Metric;
            public static toObject(message: seldon.protos.Metric, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace Metric {

            enum MetricType {
                COUNTER = 0,
                GAUGE = 1,
                TIMER = 2
            }
        }

        interface ISeldonMessageList {
            seldonMessages?: (seldon.protos.ISeldonMessage[]|null);
        }

        class SeldonMessageList implements ISeldonMessageList {
            constructor(properties?: seldon.protos.ISeldonMessageList);
            public seldonMessages: seldon.protos.ISeldonMessage[];
            public static create(properties?: seldon.protos.ISeldonMessageList): seldon.protos.SeldonMessageList;
            public static encode(message: seldon.protos.ISeldonMessageList, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ISeldonMessageList, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.SeldonMessageList;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.SeldonMessageList;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.SeldonMessageList;
            public static toObject(message: seldon.protos.SeldonMessageList, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IStatus {
            code?: (number|null);
            info?: (string|null);
            reason?: (string|null);
            status?: (seldon.protos.Status.StatusFlag|null);
        }

        class Status implements IStatus {
            constructor(properties?: seldon.protos.IStatus);
            public code: number;
            public info: string;
            public reason: string;
            public status: seldon.protos.Status.StatusFlag;
            public static create(properties?: seldon.protos.IStatus): seldon.protos.Status;
            public static encode(message: seldon.protos.IStatus, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.IStatus, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.Status;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.Status;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.Status;
            public static toObject(message: seldon.protos.Status, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace Status {

            enum StatusFlag {
                SUCCESS = 0,
                FAILURE = 1
            }
        }

        interface IFeedback {
            request?: (seldon.protos.ISeldonMessage|null);
            response?: (seldon.protos.ISeldonMessage|null);
            reward?: (number|null);
            truth?: (seldon.protos.ISeldonMessage|null);
        }

        class Feedback implements IFeedback {
            constructor(properties?: seldon.protos.IFeedback);
            public request?: (seldon.protos.ISeldonMessage|null);
            public response?: (seldon.protos.ISeldonMessage|null);
            public reward: number;
            public truth?: (seldon.protos.ISeldonMessage|null);
            public static create(properties?: seldon.protos.IFeedback): seldon.protos.Feedback;
            public static encode(message: seldon.protos.IFeedback, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.IFeedback, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.Feedback;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.Feedback;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.Feedback;
            public static toObject(message: seldon.protos.Feedback, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IRequestResponse {
            request?: (seldon.protos.ISeldonMessage|null);
            response?: (seldon.protos.ISeldonMessage|null);
        }

        class RequestResponse implements IRequestResponse {
            constructor(properties?: seldon.protos.IRequestResponse);
            public request?: (seldon.protos.ISeldonMessage|null);
            public response?: (seldon.protos.ISeldonMessage|null);
            public static create(properties?: seldon.protos.IRequestResponse): seldon.protos.RequestResponse;
            public static encode(message: seldon.protos.IRequestResponse, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.IRequestResponse, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.RequestResponse;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.RequestResponse;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.RequestResponse;
            public static toObject(message: seldon.protos.RequestResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISeldonModelMetadataRequest {
            name?: (string|null);
        }

        class SeldonModelMetadataRequest implements ISeldonModelMetadataRequest {
            constructor(properties?: seldon.protos.ISeldonModelMetadataRequest);
            public name: string;
            public static create(properties?: seldon.protos.ISeldonModelMetadataRequest): seldon.protos.SeldonModelMetadataRequest;
            public static encode(message: seldon.protos.ISeldonModelMetadataRequest, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ISeldonModelMetadataRequest, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.SeldonModelMetadataRequest;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.SeldonModelMetadataRequest;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.SeldonModelMetadataRequest;
            public static toObject(message: seldon.protos.SeldonModelMetadataRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISeldonMessageMetadata {
            messagetype?: (string|null);
            schema?: (google.protobuf.IValue|null);
            name?: (string|null);
            datatype?: (string|null);
            shape?: ((number|Long)[]|null);
        }

        class SeldonMessageMetadata implements ISeldonMessageMetadata {
            constructor(properties?: seldon.protos.ISeldonMessageMetadata);
            public messagetype: string;
            public schema?: (google.protobuf.IValue|null);
            public name: string;
            public datatype: string;
            public shape: (number|Long)[];
            public static create(properties?: seldon.protos.ISeldonMessageMetadata): seldon.protos.SeldonMessageMetadata;
            public static encode(message: seldon.protos.ISeldonMessageMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ISeldonMessageMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.SeldonMessageMetadata;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.SeldonMessageMetadata;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.SeldonMessageMetadata;
            public static toObject(message: seldon.protos.SeldonMessageMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISeldonModelMetadata {
            name?: (string|null);
            versions?: (string[]|null);
            platform?: (string|null);
            inputs?: (seldon.protos.ISeldonMessageMetadata[]|null);
            outputs?: (seldon.protos.ISeldonMessageMetadata[]|null);
            custom?: ({ [k: string]: string }|null);
        }

        class SeldonModelMetadata implements ISeldonModelMetadata {
            constructor(properties?: seldon.protos.ISeldonModelMetadata);
            public name: string;
            public versions: string[];
            public platform: string;
            public inputs: seldon.protos.ISeldonMessageMetadata[];
            public outputs: seldon.protos.ISeldonMessageMetadata[];
            public custom: { [k: string]: string };
            public static create(properties?: seldon.protos.ISeldonModelMetadata): seldon.protos.SeldonModelMetadata;
            public static encode(message: seldon.protos.ISeldonModelMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ISeldonModelMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.SeldonModelMetadata;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.SeldonModelMetadata;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.SeldonModelMetadata;
            public static toObject(message: seldon.protos.SeldonModelMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISeldonGraphMetadata {
            name?: (string|null);
            models?: ({ [k: string]: seldon.protos.ISeldonModelMetadata }|null);
            inputs?: (seldon.protos.ISeldonMessageMetadata[]|null);
            outputs?: (seldon.protos.ISeldonMessageMetadata[]|null);
        }

        class SeldonGraphMetadata implements ISeldonGraphMetadata {
            constructor(properties?: seldon.protos.ISeldonGraphMetadata);
            public name: string;
            public models: { [k: string]: seldon.protos.ISeldonModelMetadata };
            public inputs: seldon.protos.ISeldonMessageMetadata[];
            public outputs: seldon.protos.ISeldonMessageMetadata[];
            public static create(properties?: seldon.protos.ISeldonGraphMetadata): seldon.protos.SeldonGraphMetadata;
            public static encode(message: seldon.protos.ISeldonGraphMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: seldon.protos.ISeldonGraphMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): seldon.protos.SeldonGraphMetadata;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): seldon.protos.SeldonGraphMetadata;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): seldon.protos.SeldonGraphMetadata;
            public static toObject(message: seldon.protos.SeldonGraphMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        class Generic extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Generic;
            public transformInput(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Generic.TransformInputCallback): void;
            public transformInput(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
            public transformOutput(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Generic.TransformOutputCallback): void;
            public transformOutput(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
            public route(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Generic.RouteCallback): void;
            public route(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
            public aggregate(request: seldon.protos.ISeldonMessageList, callback: seldon.protos.Generic.AggregateCallback): void;
            public aggregate(request: seldon.protos.ISeldonMessageList): Promise<seldon.protos.SeldonMessage>;
            public sendFeedback(request: seldon.protos.IFeedback, callback: seldon.protos.Generic.SendFeedbackCallback): void;
            public sendFeedback(request: seldon.protos.IFeedback): Promise<seldon.protos.SeldonMessage>;
        }

        namespace Generic {

            type TransformInputCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type TransformOutputCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type RouteCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type AggregateCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type SendFeedbackCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;
        }

        class Model extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Model;
            public predict(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Model.PredictCallback): void;
            public predict(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
            public sendFeedback(request: seldon.protos.IFeedback, callback: seldon.protos.Model.SendFeedbackCallback): void;
            public sendFeedback(request: seldon.protos.IFeedback): Promise<seldon.protos.SeldonMessage>;
            public metadata(request: google.protobuf.IEmpty, callback: seldon.protos.Model.MetadataCallback): void;
            public metadata(request: google.protobuf.IEmpty): Promise<seldon.protos.SeldonModelMetadata>;
        }

        namespace Model {

            type PredictCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type SendFeedbackCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type MetadataCallback = (error: (Error|null), response?: seldon.protos.SeldonModelMetadata) => void;
        }

        class Router extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Router;
            public route(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Router.RouteCallback): void;
            public route(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
            public sendFeedback(request: seldon.protos.IFeedback, callback: seldon.protos.Router.SendFeedbackCallback): void;
            public sendFeedback(request: seldon.protos.IFeedback): Promise<seldon.protos.SeldonMessage>;
        }

        namespace Router {

            type RouteCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type SendFeedbackCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;
        }

        class Transformer extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Transformer;
            public transformInput(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Transformer.TransformInputCallback): void;
            public transformInput(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
        }

        namespace Transformer {

            type TransformInputCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;
        }

        class OutputTransformer extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): OutputTransformer;
            public transformOutput(request: seldon.protos.ISeldonMessage, callback: seldon.protos.OutputTransformer.TransformOutputCallback): void;
            public transformOutput(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
        }

        namespace OutputTransformer {

            type TransformOutputCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;
        }

        class Combiner extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Combiner;
            public aggregate(request: seldon.protos.ISeldonMessageList, callback: seldon.protos.Combiner.AggregateCallback): void;
            public aggregate(request: seldon.protos.ISeldonMessageList): Promise<seldon.protos.SeldonMessage>;
        }

        namespace Combiner {

            type AggregateCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;
        }

        class Seldon extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Seldon;
            public predict(request: seldon.protos.ISeldonMessage, callback: seldon.protos.Seldon.PredictCallback): void;
            public predict(request: seldon.protos.ISeldonMessage): Promise<seldon.protos.SeldonMessage>;
            public sendFeedback(request: seldon.protos.IFeedback, callback: seldon.protos.Seldon.SendFeedbackCallback): void;
            public sendFeedback(request: seldon.protos.IFeedback): Promise<seldon.protos.SeldonMessage>;
            public modelMetadata(request: seldon.protos.ISeldonModelMetadataRequest, callback: seldon.protos.Seldon.ModelMetadataCallback): void;
            public modelMetadata(request: seldon.protos.ISeldonModelMetadataRequest): Promise<seldon.protos.SeldonModelMetadata>;
            public graphMetadata(request: google.protobuf.IEmpty, callback: seldon.protos.Seldon.GraphMetadataCallback): void;
            public graphMetadata(request: google.protobuf.IEmpty): Promise<seldon.protos.SeldonGraphMetadata>;
        }

        namespace Seldon {

            type PredictCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type SendFeedbackCallback = (error: (Error|null), response?: seldon.protos.SeldonMessage) => void;

            type ModelMetadataCallback = (error: (Error|null), response?: seldon.protos.SeldonModelMetadata) => void;

            type GraphMetadataCallback = (error: (Error|null), response?: seldon.protos.SeldonGraphMetadata) => void;
        }
    }
}

export namespace google {

    namespace protobuf {

        interface IAny {
            type_url?: (string|null);
            value?: (Uint8Array|null);
        }

        class Any implements IAny {
            constructor(properties?: google.protobuf.IAny);
            public type_url: string;
            public value: Uint8Array;
            public static create(properties?: google.protobuf.IAny): google.protobuf.Any;
            public static encode(message: google.protobuf.IAny, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: google.protobuf.IAny, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Any;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.Any;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): google.protobuf.Any;
            public static toObject(message: google.protobuf.Any, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IStruct {
            fields?: ({ [k: string]: google.protobuf.IValue }|null);
        }

        class Struct implements IStruct {
            constructor(properties?: google.protobuf.IStruct);
            public fields: { [k: string]: google.protobuf.IValue };
            public static create(properties?: google.protobuf.IStruct): google.protobuf.Struct;
            public static encode(message: google.protobuf.IStruct, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: google.protobuf.IStruct, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Struct;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.Struct;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): google.protobuf.Struct;
            public static toObject(message: google.protobuf.Struct, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IValue {
            nullValue?: (google.protobuf.NullValue|null);
            numberValue?: (number|null);
            stringValue?: (string|null);
            boolValue?: (boolean|null);
            structValue?: (google.protobuf.IStruct|null);
            listValue?: (google.protobuf.IListValue|null);
        }

        class Value implements IValue {
            constructor(properties?: google.protobuf.IValue);
            public nullValue?: (google.protobuf.NullValue|null);
            public numberValue?: (number|null);
            public stringValue?: (string|null);
            public boolValue?: (boolean|null);
            public structValue?: (google.protobuf.IStruct|null);
            public listValue?: (google.protobuf.IListValue|null);
            public kind?: ("nullValue"|"numberValue"|"stringValue"|"boolValue"|"structValue"|"listValue");
            public static create(properties?: google.protobuf.IValue): google.protobuf.Value;
            public static encode(message: google.protobuf.IValue, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: google.protobuf.IValue, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Value;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.Value;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): google.protobuf.Value;
            public static toObject(message: google.protobuf.Value, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        enum NullValue {
            NULL_VALUE = 0
        }

        interface IListValue {
            values?: (google.protobuf.IValue[]|null);
        }

        class ListValue implements IListValue {
            constructor(properties?: google.protobuf.IListValue);
            public values: google.protobuf.IValue[];
            public static create(properties?: google.protobuf.IListValue): google.protobuf.ListValue;
            public static encode(message: google.protobuf.IListValue, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: google.protobuf.IListValue, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.ListValue;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.ListValue;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): google.protobuf.ListValue;
            public static toObject(message: google.protobuf.ListValue, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IEmpty {
        }

        class Empty implements IEmpty {
            constructor(properties?: google.protobuf.IEmpty);
            public static create(properties?: google.protobuf.IEmpty): google.protobuf.Empty;
            public static encode(message: google.protobuf.IEmpty, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: google.protobuf.IEmpty, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Empty;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.Empty;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): google.protobuf.Empty;
            public static toObject(message: google.protobuf.Empty, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }
}

export namespace tensorflow {

    interface ITensorProto {
        dtype?: (tensorflow.DataType|null);
        tensorShape?: (tensorflow.ITensorShapeProto|null);
        versionNumber?: (number|null);
        tensorContent?: (Uint8Array|null);
        halfVal?: (number[]|null);
        floatVal?: (number[]|null);
        doubleVal?: (number[]|null);
        intVal?: (number[]|null);
        stringVal?: (Uint8Array[]|null);
        scomplexVal?: (number[]|null);
        int64Val?: ((number|Long)[]|null);
        boolVal?: (boolean[]|null);
        dcomplexVal?: (number[]|null);
        uint32Val?: (number[]|null);
        uint64Val?: ((number|Long)[]|null);
        float8Val?: (Uint8Array|null);
    }

    class TensorProto implements ITensorProto {
        constructor(properties?: tensorflow.ITensorProto);
        public dtype: tensorflow.DataType;
        public tensorShape?: (tensorflow.ITensorShapeProto|null);
        public versionNumber: number;
        public tensorContent: Uint8Array;
        public halfVal: number[];
        public floatVal: number[];
        public doubleVal: number[];
        public intVal: number[];
        public stringVal: Uint8Array[];
        public scomplexVal: number[];
        public int64Val: (number|Long)[];
        public boolVal: boolean[];
        public dcomplexVal: number[];
        public uint32Val: number[];
        public uint64Val: (number|Long)[];
        public float8Val: Uint8Array;
        public static create(properties?: tensorflow.ITensorProto): tensorflow.TensorProto;
        public static encode(message: tensorflow.ITensorProto, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: tensorflow.ITensorProto, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorProto;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tensorflow.TensorProto;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): tensorflow.TensorProto;
        public static toObject(message: tensorflow.TensorProto, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface ITensorShapeProto {
        dim?: (tensorflow.TensorShapeProto.IDim[]|null);
        unknownRank?: (boolean|null);
    }

    class TensorShapeProto implements ITensorShapeProto {
        constructor(properties?: tensorflow.ITensorShapeProto);
        public dim: tensorflow.TensorShapeProto.IDim[];
        public unknownRank: boolean;
        public static create(properties?: tensorflow.ITensorShapeProto): tensorflow.TensorShapeProto;
        public static encode(message: tensorflow.ITensorShapeProto, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: tensorflow.ITensorShapeProto, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorShapeProto;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tensorflow.TensorShapeProto;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): tensorflow.TensorShapeProto;
        public static toObject(message: tensorflow.TensorShapeProto, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace TensorShapeProto {

        interface IDim {
            size?: (number|Long|null);
            name?: (string|null);
        }

        class Dim implements IDim {
            constructor(properties?: tensorflow.TensorShapeProto.IDim);
            public size: (number|Long);
            public name: string;
            public static create(properties?: tensorflow.TensorShapeProto.IDim): tensorflow.TensorShapeProto.Dim;
            public static encode(message: tensorflow.TensorShapeProto.IDim, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: tensorflow.TensorShapeProto.IDim, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tensorflow.TensorShapeProto.Dim;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): tensorflow.TensorShapeProto.Dim;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): tensorflow.TensorShapeProto.Dim;
            public static toObject(message: tensorflow.TensorShapeProto.Dim, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    enum DataType {
        DT_INVALID = 0,
        DT_FLOAT = 1,
        DT_DOUBLE = 2,
        DT_INT32 = 3,
        DT_UINT8 = 4,
        DT_INT16 = 5,
        DT_INT8 = 6,
        DT_STRING = 7,
        DT_COMPLEX64 = 8,
        DT_INT64 = 9,
        DT_BOOL = 10,
        DT_QINT8 = 11,
        DT_QUINT8 = 12,
        DT_QINT32 = 13,
        DT_BFLOAT16 = 14,
        DT_QINT16 = 15,
        DT_QUINT16 = 16,
        DT_UINT16 = 17,
        DT_COMPLEX128 = 18,
        DT_HALF = 19,
        DT_RESOURCE = 20,
        DT_VARIANT = 21,
        DT_UINT32 = 22,
        DT_UINT64 = 23
    }
}

export namespace inference {

    class GRPCInferenceService extends $protobuf.rpc.Service {
        constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
        public static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): GRPCInferenceService;
        public serverLive(request: inference.IServerLiveRequest, callback: inference.GRPCInferenceService.ServerLiveCallback): void;
        public serverLive(request: inference.IServerLiveRequest): Promise<inference.ServerLiveResponse>;
        public serverReady(request: inference.IServerReadyRequest, callback: inference.GRPCInferenceService.ServerReadyCallback): void;
        public serverReady(request: inference.IServerReadyRequest): Promise<inference.ServerReadyResponse>;
        public modelReady(request: inference.IModelReadyRequest, callback: inference.GRPCInferenceService.ModelReadyCallback): void;
        public modelReady(request: inference.IModelReadyRequest): Promise<inference.ModelReadyResponse>;
        public serverMetadata(request: inference.IServerMetadataRequest, callback: inference.GRPCInferenceService.ServerMetadataCallback): void;
        public serverMetadata(request: inference.IServerMetadataRequest): Promise<inference.ServerMetadataResponse>;
        public modelMetadata(request: inference.IModelMetadataRequest, callback: inference.GRPCInferenceService.ModelMetadataCallback): void;
        public modelMetadata(request: inference.IModelMetadataRequest): Promise<inference.ModelMetadataResponse>;
        public modelInfer(request: inference.IModelInferRequest, callback: inference.GRPCInferenceService.ModelInferCallback): void;
        public modelInfer(request: inference.IModelInferRequest): Promise<inference.ModelInferResponse>;
        public repositoryIndex(request: inference.IRepositoryIndexRequest, callback: inference.GRPCInferenceService.RepositoryIndexCallback): void;
        public repositoryIndex(request: inference.IRepositoryIndexRequest): Promise<inference.RepositoryIndexResponse>;
        public repositoryModelLoad(request: inference.IRepositoryModelLoadRequest, callback: inference.GRPCInferenceService.RepositoryModelLoadCallback): void;
        public repositoryModelLoad(request: inference.IRepositoryModelLoadRequest): Promise<inference.RepositoryModelLoadResponse>;
        public repositoryModelUnload(request: inference.IRepositoryModelUnloadRequest, callback: inference.GRPCInferenceService.RepositoryModelUnloadCallback): void;
        public repositoryModelUnload(request: inference.IRepositoryModelUnloadRequest): Promise<inference.RepositoryModelUnloadResponse>;
    }

    namespace GRPCInferenceService {

        type ServerLiveCallback = (error: (Error|null), response?: inference.ServerLiveResponse) => void;

        type ServerReadyCallback = (error: (Error|null), response?: inference.ServerReadyResponse) => void;

        type ModelReadyCallback = (error: (Error|null), response?: inference.ModelReadyResponse) => void;

        type ServerMetadataCallback = (error: (Error|null), response?: inference.ServerMetadataResponse) => void;

        type ModelMetadataCallback = (error: (Error|null), response?: inference.ModelMetadataResponse) => void;

        type ModelInferCallback = (error: (Error|null), response?: inference.ModelInferResponse) => void;

        type RepositoryIndexCallback = (error: (Error|null), response?: inference.RepositoryIndexResponse) => void;

        type RepositoryModelLoadCallback = (error: (Error|null), response?: inference.RepositoryModelLoadResponse) => void;

        type RepositoryModelUnloadCallback = (error: (Error|null), response?: inference.RepositoryModelUnloadResponse) => void;
    }

    interface IServerLiveRequest {
    }

    class ServerLiveRequest implements IServerLiveRequest {
        constructor(properties?: inference.IServerLiveRequest);
        public static create(properties?: inference.IServerLiveRequest): inference.ServerLiveRequest;
        public static encode(message: inference.IServerLiveRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IServerLiveRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ServerLiveRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ServerLiveRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ServerLiveRequest;
        public static toObject(message: inference.ServerLiveRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IServerLiveResponse {
        live?: (boolean|null);
    }

    class ServerLiveResponse implements IServerLiveResponse {
        constructor(properties?: inference.IServerLiveResponse);
        public live: boolean;
        public static create(properties?: inference.IServerLiveResponse): inference.ServerLiveResponse;
        public static encode(message: inference.IServerLiveResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IServerLiveResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ServerLiveResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ServerLiveResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ServerLiveResponse;
        public static toObject(message: inference.ServerLiveResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IServerReadyRequest {
    }

    class ServerReadyRequest implements IServerReadyRequest {
        constructor(properties?: inference.IServerReadyRequest);
        public static create(properties?: inference.IServerReadyRequest): inference.ServerReadyRequest;
        public static encode(message: inference.IServerReadyRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IServerReadyRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ServerReadyRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ServerReadyRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ServerReadyRequest;
        public static toObject(message: inference.ServerReadyRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IServerReadyResponse {
        ready?: (boolean|null);
    }

    class ServerReadyResponse implements IServerReadyResponse {
        constructor(properties?: inference.IServerReadyResponse);
        public ready: boolean;
        public static create(properties?: inference.IServerReadyResponse): inference.ServerReadyResponse;
        public static encode(message: inference.IServerReadyResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IServerReadyResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ServerReadyResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ServerReadyResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ServerReadyResponse;
        public static toObject(message: inference.ServerReadyResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IModelReadyRequest {
        name?: (string|null);
        version?: (string|null);
    }

    class ModelReadyRequest implements IModelReadyRequest {
        constructor(properties?: inference.IModelReadyRequest);
        public name: string;
        public version: string;
        public static create(properties?: inference.IModelReadyRequest): inference.ModelReadyRequest;
        public static encode(message: inference.IModelReadyRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelReadyRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelReadyRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelReadyRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelReadyRequest;
        public static toObject(message: inference.ModelReadyRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IModelReadyResponse {
        ready?: (boolean|null);
    }

    class ModelReadyResponse implements IModelReadyResponse {
        constructor(properties?: inference.IModelReadyResponse);
        public ready: boolean;
        public static create(properties?: inference.IModelReadyResponse): inference.ModelReadyResponse;
        public static encode(message: inference.IModelReadyResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelReadyResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelReadyResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelReadyResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelReadyResponse;
        public static toObject(message: inference.ModelReadyResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IServerMetadataRequest {
    }

    class ServerMetadataRequest implements IServerMetadataRequest {
        constructor(properties?: inference.IServerMetadataRequest);
        public static create(properties?: inference.IServerMetadataRequest): inference.ServerMetadataRequest;
        public static encode(message: inference.IServerMetadataRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IServerMetadataRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ServerMetadataRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ServerMetadataRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ServerMetadataRequest;
        public static toObject(message: inference.ServerMetadataRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IServerMetadataResponse {
        name?: (string|null);
        version?: (string|null);
        extensions?: (string[]|null);
    }

    class ServerMetadataResponse implements IServerMetadataResponse {
        constructor(properties?: inference.IServerMetadataResponse);
        public name: string;
        public version: string;
        public extensions: string[];
        public static create(properties?: inference.IServerMetadataResponse): inference.ServerMetadataResponse;
        public static encode(message: inference.IServerMetadataResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IServerMetadataResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ServerMetadataResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ServerMetadataResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ServerMetadataResponse;
        public static toObject(message: inference.ServerMetadataResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IModelMetadataRequest {
        name?: (string|null);
        version?: (string|null);
    }

    class ModelMetadataRequest implements IModelMetadataRequest {
        constructor(properties?: inference.IModelMetadataRequest);
        public name: string;
        public version: string;
        public static create(properties?: inference.IModelMetadataRequest): inference.ModelMetadataRequest;
        public static encode(message: inference.IModelMetadataRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelMetadataRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelMetadataRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelMetadataRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelMetadataRequest;
        public static toObject(message: inference.ModelMetadataRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IModelMetadataResponse {
        name?: (string|null);
        versions?: (string[]|null);
        platform?: (string|null);
        inputs?: (inference.ModelMetadataResponse.ITensorMetadata[]|null);
        outputs?: (inference.ModelMetadataResponse.ITensorMetadata[]|null);
        parameters?: ({ [k: string]: inference.IInferParameter }|null);
    }

    class ModelMetadataResponse implements IModelMetadataResponse {
        constructor(properties?: inference.IModelMetadataResponse);
        public name: string;
        public versions: string[];
        public platform: string;
        public inputs: inference.ModelMetadataResponse.ITensorMetadata[];
        public outputs: inference.ModelMetadataResponse.ITensorMetadata[];
        public parameters: { [k: string]: inference.IInferParameter };
        public static create(properties?: inference.IModelMetadataResponse): inference.ModelMetadataResponse;
        public static encode(message: inference.IModelMetadataResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelMetadataResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelMetadataResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelMetadataResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelMetadataResponse;
        public static toObject(message: inference.ModelMetadataResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace ModelMetadataResponse {

        interface ITensorMetadata {
            name?: (string|null);
            datatype?: (string|null);
            shape?: ((number|Long)[]|null);
            parameters?: ({ [k: string]: inference.IInferParameter }|null);
        }

        class TensorMetadata implements ITensorMetadata {
            constructor(properties?: inference.ModelMetadataResponse.ITensorMetadata);
            public name: string;
            public datatype: string;
            public shape: (number|Long)[];
            public parameters: { [k: string]: inference.IInferParameter };
            public static create(properties?: inference.ModelMetadataResponse.ITensorMetadata): inference.ModelMetadataResponse.TensorMetadata;
            public static encode(message: inference.ModelMetadataResponse.ITensorMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: inference.ModelMetadataResponse.ITensorMetadata, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelMetadataResponse.TensorMetadata;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelMetadataResponse.TensorMetadata;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): inference.ModelMetadataResponse.TensorMetadata;
            public static toObject(message: inference.ModelMetadataResponse.TensorMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IModelInferRequest {
        modelName?: (string|null);
        modelVersion?: (string|null);
        id?: (string|null);
        parameters?: ({ [k: string]: inference.IInferParameter }|null);
        inputs?: (inference.ModelInferRequest.IInferInputTensor[]|null);
        outputs?: (inference.ModelInferRequest.IInferRequestedOutputTensor[]|null);
        rawInputContents?: (Uint8Array[]|null);
    }

    class ModelInferRequest implements IModelInferRequest {
        constructor(properties?: inference.IModelInferRequest);
        public modelName: string;
        public modelVersion: string;
        public id: string;
        public parameters: { [k: string]: inference.IInferParameter };
        public inputs: inference.ModelInferRequest.IInferInputTensor[];
        public outputs: inference.ModelInferRequest.IInferRequestedOutputTensor[];
        public rawInputContents: Uint8Array[];
        public static create(properties?: inference.IModelInferRequest): inference.ModelInferRequest;
        public static encode(message: inference.IModelInferRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelInferRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelInferRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelInferRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelInferRequest;
        public static toObject(message: inference.ModelInferRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace ModelInferRequest {

        interface IInferInputTensor {
            name?: (string|null);
            datatype?: (string|null);
            shape?: ((number|Long)[]|null);
            parameters?: ({ [k: string]: inference.IInferParameter }|null);
            contents?: (inference.IInferTensorContents|null);
        }

        class InferInputTensor implements IInferInputTensor {
            constructor(properties?: inference.ModelInferRequest.IInferInputTensor);
            public name: string;
            public datatype: string;
            public shape: (number|Long)[];
            public parameters: { [k: string]: inference.IInferParameter };
            public contents?: (inference.IInferTensorContents|null);
            public static create(properties?: inference.ModelInferRequest.IInferInputTensor): inference.ModelInferRequest.InferInputTensor;
            public static encode(message: inference.ModelInferRequest.IInferInputTensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: inference.ModelInferRequest.IInferInputTensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelInferRequest.InferInputTensor;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelInferRequest.InferInputTensor;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): inference.ModelInferRequest.InferInputTensor;
            public static toObject(message: inference.ModelInferRequest.InferInputTensor, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IInferRequestedOutputTensor {
            name?: (string|null);
            parameters?: ({ [k: string]: inference.IInferParameter }|null);
        }

        class InferRequestedOutputTensor implements IInferRequestedOutputTensor {
            constructor(properties?: inference.ModelInferRequest.IInferRequestedOutputTensor);
            public name: string;
            public parameters: { [k: string]: inference.IInferParameter };
            public static create(properties?: inference.ModelInferRequest.IInferRequestedOutputTensor): inference.ModelInferRequest.InferRequestedOutputTensor;
            public static encode(message: inference.ModelInferRequest.IInferRequestedOutputTensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: inference.ModelInferRequest.IInferRequestedOutputTensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelInferRequest.InferRequestedOutputTensor;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelInferRequest.InferRequestedOutputTensor;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): inference.ModelInferRequest.InferRequestedOutputTensor;
            public static toObject(message: inference.ModelInferRequest.InferRequestedOutputTensor, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IModelInferResponse {
        modelName?: (string|null);
        modelVersion?: (string|null);
        id?: (string|null);
        parameters?: ({ [k: string]: inference.IInferParameter }|null);
        outputs?: (inference.ModelInferResponse.IInferOutputTensor[]|null);
        rawOutputContents?: (Uint8Array[]|null);
    }

    class ModelInferResponse implements IModelInferResponse {
        constructor(properties?: inference.IModelInferResponse);
        public modelName: string;
        public modelVersion: string;
        public id: string;
        public parameters: { [k: string]: inference.IInferParameter };
        public outputs: inference.ModelInferResponse.IInferOutputTensor[];
        public rawOutputContents: Uint8Array[];
        public static create(properties?: inference.IModelInferResponse): inference.ModelInferResponse;
        public static encode(message: inference.IModelInferResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelInferResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelInferResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelInferResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelInferResponse;
        public static toObject(message: inference.ModelInferResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace ModelInferResponse {

        interface IInferOutputTensor {
            name?: (string|null);
            datatype?: (string|null);
            shape?: ((number|Long)[]|null);
            parameters?: ({ [k: string]: inference.IInferParameter }|null);
            contents?: (inference.IInferTensorContents|null);
        }

        class InferOutputTensor implements IInferOutputTensor {
            constructor(properties?: inference.ModelInferResponse.IInferOutputTensor);
            public name: string;
            public datatype: string;
            public shape: (number|Long)[];
            public parameters: { [k: string]: inference.IInferParameter };
            public contents?: (inference.IInferTensorContents|null);
            public static create(properties?: inference.ModelInferResponse.IInferOutputTensor): inference.ModelInferResponse.InferOutputTensor;
            public static encode(message: inference.ModelInferResponse.IInferOutputTensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: inference.ModelInferResponse.IInferOutputTensor, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelInferResponse.InferOutputTensor;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelInferResponse.InferOutputTensor;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): inference.ModelInferResponse.InferOutputTensor;
            public static toObject(message: inference.ModelInferResponse.InferOutputTensor, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IInferParameter {
        boolParam?: (boolean|null);
        int64Param?: (number|Long|null);
        stringParam?: (string|null);
    }

    class InferParameter implements IInferParameter {
        constructor(properties?: inference.IInferParameter);
        public boolParam?: (boolean|null);
        public int64Param?: (number|Long|null);
        public stringParam?: (string|null);
        public parameterChoice?: ("boolParam"|"int64Param"|"stringParam");
        public static create(properties?: inference.IInferParameter): inference.InferParameter;
        public static encode(message: inference.IInferParameter, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IInferParameter, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.InferParameter;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.InferParameter;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.InferParameter;
        public static toObject(message: inference.InferParameter, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IInferTensorContents {
        boolContents?: (boolean[]|null);
        intContents?: (number[]|null);
        int64Contents?: ((number|Long)[]|null);
        uintContents?: (number[]|null);
        uint64Contents?: ((number|Long)[]|null);
        fp32Contents?: (number[]|null);
        fp64Contents?: (number[]|null);
        bytesContents?: (Uint8Array[]|null);
    }

    class InferTensorContents implements IInferTensorContents {
        constructor(properties?: inference.IInferTensorContents);
        public boolContents: boolean[];
        public intContents: number[];
        public int64Contents: (number|Long)[];
        public uintContents: number[];
        public uint64Contents: (number|Long)[];
        public fp32Contents: number[];
        public fp64Contents: number[];
        public bytesContents: Uint8Array[];
        public static create(properties?: inference.IInferTensorContents): inference.InferTensorContents;
        public static encode(message: inference.IInferTensorContents, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IInferTensorContents, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.InferTensorContents;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.InferTensorContents;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.InferTensorContents;
        public static toObject(message: inference.InferTensorContents, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IModelRepositoryParameter {
        boolParam?: (boolean|null);
        int64Param?: (number|Long|null);
        stringParam?: (string|null);
        bytesParam?: (Uint8Array|null);
    }

    class ModelRepositoryParameter implements IModelRepositoryParameter {
        constructor(properties?: inference.IModelRepositoryParameter);
        public boolParam?: (boolean|null);
        public int64Param?: (number|Long|null);
        public stringParam?: (string|null);
        public bytesParam?: (Uint8Array|null);
        public parameterChoice?: ("boolParam"|"int64Param"|"stringParam"|"bytesParam");
        public static create(properties?: inference.IModelRepositoryParameter): inference.ModelRepositoryParameter;
        public static encode(message: inference.IModelRepositoryParameter, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IModelRepositoryParameter, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.ModelRepositoryParameter;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.ModelRepositoryParameter;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.ModelRepositoryParameter;
        public static toObject(message: inference.ModelRepositoryParameter, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRepositoryIndexRequest {
        repositoryName?: (string|null);
        ready?: (boolean|null);
    }

    class RepositoryIndexRequest implements IRepositoryIndexRequest {
        constructor(properties?: inference.IRepositoryIndexRequest);
        public repositoryName: string;
        public ready: boolean;
        public static create(properties?: inference.IRepositoryIndexRequest): inference.RepositoryIndexRequest;
        public static encode(message: inference.IRepositoryIndexRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IRepositoryIndexRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryIndexRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryIndexRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.RepositoryIndexRequest;
        public static toObject(message: inference.RepositoryIndexRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRepositoryIndexResponse {
        models?: (inference.RepositoryIndexResponse.IModelIndex[]|null);
    }

    class RepositoryIndexResponse implements IRepositoryIndexResponse {
        constructor(properties?: inference.IRepositoryIndexResponse);
        public models: inference.RepositoryIndexResponse.IModelIndex[];
        public static create(properties?: inference.IRepositoryIndexResponse): inference.RepositoryIndexResponse;
        public static encode(message: inference.IRepositoryIndexResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IRepositoryIndexResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryIndexResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryIndexResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.RepositoryIndexResponse;
        public static toObject(message: inference.RepositoryIndexResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace RepositoryIndexResponse {

        interface IModelIndex {
            name?: (string|null);
            version?: (string|null);
            state?: (string|null);
            reason?: (string|null);
        }

        class ModelIndex implements IModelIndex {
            constructor(properties?: inference.RepositoryIndexResponse.IModelIndex);
            public name: string;
            public version: string;
            public state: string;
            public reason: string;
            public static create(properties?: inference.RepositoryIndexResponse.IModelIndex): inference.RepositoryIndexResponse.ModelIndex;
            public static encode(message: inference.RepositoryIndexResponse.IModelIndex, writer?: $protobuf.Writer): $protobuf.Writer;
            public static encodeDelimited(message: inference.RepositoryIndexResponse.IModelIndex, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryIndexResponse.ModelIndex;
            public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryIndexResponse.ModelIndex;
            public static verify(message: { [k: string]: any }): (string|null);
            public static fromObject(object: { [k: string]: any }): inference.RepositoryIndexResponse.ModelIndex;
            public static toObject(message: inference.RepositoryIndexResponse.ModelIndex, options?: $protobuf.IConversionOptions): { [k: string]: any };
            public toJSON(): { [k: string]: any };
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IRepositoryModelLoadRequest {
        repositoryName?: (string|null);
        modelName?: (string|null);
        parameters?: ({ [k: string]: inference.IModelRepositoryParameter }|null);
    }

    class RepositoryModelLoadRequest implements IRepositoryModelLoadRequest {
        constructor(properties?: inference.IRepositoryModelLoadRequest);
        public repositoryName: string;
        public modelName: string;
        public parameters: { [k: string]: inference.IModelRepositoryParameter };
        public static create(properties?: inference.IRepositoryModelLoadRequest): inference.RepositoryModelLoadRequest;
        public static encode(message: inference.IRepositoryModelLoadRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IRepositoryModelLoadRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryModelLoadRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryModelLoadRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.RepositoryModelLoadRequest;
        public static toObject(message: inference.RepositoryModelLoadRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRepositoryModelLoadResponse {
    }

    class RepositoryModelLoadResponse implements IRepositoryModelLoadResponse {
        constructor(properties?: inference.IRepositoryModelLoadResponse);
        public static create(properties?: inference.IRepositoryModelLoadResponse): inference.RepositoryModelLoadResponse;
        public static encode(message: inference.IRepositoryModelLoadResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IRepositoryModelLoadResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryModelLoadResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryModelLoadResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.RepositoryModelLoadResponse;
        public static toObject(message: inference.RepositoryModelLoadResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRepositoryModelUnloadRequest {
        repositoryName?: (string|null);
        modelName?: (string|null);
        parameters?: ({ [k: string]: inference.IModelRepositoryParameter }|null);
    }

    class RepositoryModelUnloadRequest implements IRepositoryModelUnloadRequest {
        constructor(properties?: inference.IRepositoryModelUnloadRequest);
        public repositoryName: string;
        public modelName: string;
        public parameters: { [k: string]: inference.IModelRepositoryParameter };
        public static create(properties?: inference.IRepositoryModelUnloadRequest): inference.RepositoryModelUnloadRequest;
        public static encode(message: inference.IRepositoryModelUnloadRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IRepositoryModelUnloadRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryModelUnloadRequest;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryModelUnloadRequest;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.RepositoryModelUnloadRequest;
        public static toObject(message: inference.RepositoryModelUnloadRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRepositoryModelUnloadResponse {
    }

    class RepositoryModelUnloadResponse implements IRepositoryModelUnloadResponse {
        constructor(properties?: inference.IRepositoryModelUnloadResponse);
        public static create(properties?: inference.IRepositoryModelUnloadResponse): inference.RepositoryModelUnloadResponse;
        public static encode(message: inference.IRepositoryModelUnloadResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static encodeDelimited(message: inference.IRepositoryModelUnloadResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inference.RepositoryModelUnloadResponse;
        public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): inference.RepositoryModelUnloadResponse;
        public static verify(message: { [k: string]: any }): (string|null);
        public static fromObject(object: { [k: string]: any }): inference.RepositoryModelUnloadResponse;
        public static toObject(message: inference.RepositoryModelUnloadResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };
        public toJSON(): { [k: string]: any };
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }
}
