// The parts of the `datapackage` library (Frictionless Data, no types of its own) the tests use.
declare module 'datapackage' {
  export class Resource {
    readonly name: string;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly descriptor: { schema: { primaryKey?: string | string[]; foreignKeys?: { fields: string | string[]; reference: { resource: string; fields: string | string[] } }[] } };
    read(options?: { keyed?: boolean; relations?: boolean; cast?: boolean }): Promise<Record<string, unknown>[]>;
  }
  export class Package {
    static load(descriptor: string | object, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly profile: { name: string };
    readonly resources: Resource[];
    readonly resourceNames: string[];
    getResource(name: string): Resource | null;
  }
}
