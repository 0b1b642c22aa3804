// `cdk8s-appkit/register` has no exports: requiring it installs the cached TypeScript loader
// for `.ts` files (`node -r cdk8s-appkit/register main.ts`). See bin/ts-register.js.
export {};
