#!/usr/bin/env node
// Checks the production descriptions against the code, offline (CI step; README "Production"):
//  - docker-compose.yml: valid for `docker compose config` (or Debian's docker-compose), every service's image builds it (Dockerfile SERVICE), its command file exists in the build,
//    its environment passes the service's own start-up validation (the config schema and checks of its main.ts,
//    run for real), every depends_on target exists and has a healthcheck (or is a one-shot job), every subgraph of
//    the supergraph has a service and a gateway URL.
//  - deploy/kubernetes: each overlay rendered by `kubectl kustomize`, every object validated against the Kubernetes
//    schemas (the npm package kubernetes-models; unknown fields through its types and TypeScript), and the same
//    environment check for each Deployment and the Job,
//    plus images, probes, resources, PodDisruptionBudgets, autoscalers and Service selectors.
//  - README.md "Production" lists every variable any process reads.
// Needs `npm run build` first (it loads each service's dist/main.js) and a kubectl (KUBECTL=/path overrides).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { spawnSync } = require('node:child_process');
const { setTimeout } = require('node:timers');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const contexts = () =>
  fs.readdirSync(path.join(root, 'prisma')).filter((d) => fs.existsSync(path.join(root, 'prisma', d, 'schema.prisma'))).sort();
const subgraphs = () => Object.keys(YAML.parse(fs.readFileSync(path.join(root, 'supergraph.yaml'), 'utf8')).subgraphs).sort();
/** The gateway's variable for a subgraph's URL (gateway/src/supergraph.ts urlVariableFor). */
const urlVariable = (name) => `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;

// ---------------------------------------------------------------------------------------------- service configs

/**
 * A service's start-up validation, taken from its built main.js: runService is swapped for a recorder while the
 * module loads, so the real config shape and `check` come back without anything starting.
 */
function loadServiceMain(commandFile) {
  const file = path.join(root, commandFile);
  const platform = require(require.resolve('@shop/platform', { paths: [path.dirname(file)] }));
  let recorded;
  const load = Module._load;
  Module._load = function (request, parent, ...rest) {
    const real = load.call(this, request, parent, ...rest);
    if (request === '@shop/platform' && parent && parent.filename === file) return { ...real, runService: (main) => (recorded = main) };
    return real;
  };
  try {
    delete require.cache[file];
    require(file);
  } finally {
    Module._load = load;
  }
  if (!recorded) throw new Error(`${commandFile} does not call runService`);
  return { main: recorded, platform };
}

/** What packages/platform's identityFromConfig refuses at start-up (it also opens Redis, so it is not called here). */
function identityRules(config, production) {
  if (!config.AUTH_JWKS_URL) return 'AUTH_JWKS_URL: required';
  if (production && !config.REDIS_URL) return 'REDIS_URL: required in production';
  if (production && !config.GATEWAY_SIGNING_SECRET) return 'GATEWAY_SIGNING_SECRET: required in production';
  return null;
}

/** Problems a service would stop on at start-up with this environment (empty: it would start). */
function configProblems(commandFile, env, cache = new Map()) {
  if (!cache.has(commandFile)) cache.set(commandFile, loadServiceMain(commandFile));
  const { main, platform } = cache.get(commandFile);
  let config;
  try {
    config = platform.loadConfig(platform.serviceConfigSchema.extend(main.config), env);
    main.check?.(config);
  } catch (error) {
    return [String(error.message).replace(/^Invalid configuration:\n/, '').trim()];
  }
  // customer may issue its own tokens (AUTH_SIGNING_KEY_FILE) and then needs no AUTH_JWKS_URL.
  const issuesOwn = main.name === 'customer' && config.AUTH_SIGNING_KEY_FILE;
  const identity = issuesOwn ? null : identityRules(config, config.NODE_ENV === 'production');
  return identity ? [identity] : [];
}

/** The command a container runs (`node [--flags] <file>`): the file, or null when it is not a node entry point. */
function commandFile(command) {
  if (!Array.isArray(command) || command[0] !== 'node') return null;
  const file = command.slice(1).find((arg) => typeof arg === 'string' && !arg.startsWith('-'));
  return file ?? null;
}

// ------------------------------------------------------------------------------------------------------ compose

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}, $$ for a literal $. Required values get `given`. */
function interpolate(value, given) {
  return String(value).replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?\}/g, (match, name, op, arg) => {
    if (match === '$$') return '$';
    if (op === '-') return arg;
    return given(name);
  });
}

/** A stand-in for a variable the operator must export: long enough for any secret, shaped like its kind. */
function stand_in(name) {
  return `${name.toLowerCase()}-${'x'.repeat(40)}`;
}

function checkCompose(compose, { dockerfile, problems, cache }) {
  const services = compose.services ?? {};
  const names = Object.keys(services);
  const built = dockerfileServices(dockerfile);
  for (const [name, service] of Object.entries(services)) {
    const where = `docker-compose.yml services.${name}`;
    for (const [target, { condition } = {}] of Object.entries(dependsOn(service.depends_on))) {
      const dependency = services[target];
      if (!dependency) problems.push(`${where}: depends_on ${target}, which is not a service`);
      else if (condition === 'service_healthy' && !dependency.healthcheck) problems.push(`${where}: waits for ${target} to be healthy, but ${target} has no healthcheck`);
      else if (condition === 'service_completed_successfully' && dependency.restart !== 'no') problems.push(`${where}: waits for ${target} to complete, but ${target} restarts (restart: "no" expected)`);
      else if (!condition || condition === 'service_started') problems.push(`${where}: depends_on ${target} without a condition (service_healthy or service_completed_successfully)`);
    }
    const file = commandFile(service.command);
    if (!file) continue;
    const arg = service.build?.args?.SERVICE;
    if (!arg) problems.push(`${where}: runs ${file} but builds no image of its own (build.args.SERVICE)`);
    else if (!built.includes(arg)) problems.push(`${where}: build.args.SERVICE=${arg} is not one the Dockerfile builds (${built.join(', ')})`);
    else if (!imageCarries(arg, file)) problems.push(`${where}: the ${arg} image does not carry ${file}`);
    if (!fs.existsSync(path.join(root, file))) {
      problems.push(`${where}: ${file} is not in the build (npm run build first)`);
      continue;
    }
    if (service.restart !== 'no' && !service.healthcheck) problems.push(`${where}: a long-running service without a healthcheck`);
    if (file.endsWith('/main.js')) {
      const env = Object.fromEntries(Object.entries(environment(service.environment)).map(([k, v]) => [k, interpolate(v, stand_in)]));
      for (const problem of configProblems(file, env, cache)) problems.push(`${where}: would not start: ${problem}`);
    }
  }
  for (const subgraph of subgraphs()) {
    if (!names.includes(subgraph)) problems.push(`docker-compose.yml: no service for the ${subgraph} subgraph`);
    const gateway = environment(services.gateway?.environment);
    if (!gateway[urlVariable(subgraph)]) problems.push(`docker-compose.yml services.gateway: no ${urlVariable(subgraph)} (the gateway would call localhost)`);
  }
}

/** `docker compose`, else Debian's `docker-compose` (1.29, validates against the Compose schema offline), else null. */
function composeClient() {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    if (spawnSync(command[0], [...command.slice(1), 'version'], { stdio: 'ignore' }).status === 0) return command;
  }
  return null;
}

/** `<client> config --quiet` on the file, the variables it requires set to stand-ins: the Compose schema's verdict. */
function composeConfig(file, problems) {
  const client = composeClient();
  if (!client) {
    if (process.env.CI === 'true') problems.push('no docker compose client to check docker-compose.yml (Debian: apt-get install docker-compose)');
    return 'no docker compose client here: schema check skipped';
  }
  const required = [...fs.readFileSync(file, 'utf8').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g)].map((m) => m[1]);
  const env = { ...process.env, ...Object.fromEntries(required.map((name) => [name, process.env[name] ?? stand_in(name)])) };
  const result = spawnSync(client[0], [...client.slice(1), '-f', file, '--project-directory', root, 'config', '--quiet'], { env, encoding: 'utf8' });
  if (result.status !== 0) problems.push(`${client.join(' ')} config: ${(result.stderr || result.stdout).trim().replace(/\n/g, '; ')}`);
  return `${client.join(' ')} config`;
}

const dependsOn = (value) => (Array.isArray(value) ? Object.fromEntries(value.map((n) => [n, {}])) : (value ?? {}));
const environment = (value) =>
  Array.isArray(value) ? Object.fromEntries(value.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')])) : (value ?? {});

/** The SERVICE values the Dockerfile's prune stage accepts (its `case` labels). */
function dockerfileServices(dockerfile) {
  const labels = [...dockerfile.matchAll(/^\s+([a-z|]+)\) packages=/gm)].flatMap((m) => m[1].split('|'));
  return [...new Set(labels)];
}

/** Whether the image for SERVICE has the built file: a subgraph's own package, the gateway, or the platform (migrate). */
function imageCarries(service, file) {
  if (service === 'gateway') return file.startsWith('gateway/');
  if (service === 'migrate') return file.startsWith('packages/platform/');
  return file.startsWith(`subgraphs/${service}/`);
}

// --------------------------------------------------------------------------------------------------- kubernetes

function kubectl() {
  const candidates = [process.env.KUBECTL, 'kubectl'].filter(Boolean);
  for (const bin of candidates) if (spawnSync(bin, ['version', '--client'], { stdio: 'ignore' }).status === 0) return bin;
  return null;
}

function render(bin, dir) {
  const result = spawnSync(bin, ['kustomize', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${path.relative(root, dir)}: ${result.stderr.trim()}`);
  return YAML.parseAllDocuments(result.stdout).map((d) => d.toJS()).filter(Boolean);
}

/** The kubernetes-models class for an object (its own schema validator), or null for a kind it does not know. */
function modelFor({ apiVersion, kind }) {
  const group = apiVersion === 'v1' ? 'v1' : apiVersion;
  try {
    return require(`kubernetes-models/${group}/${kind}`)[kind];
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND' && /kubernetes-models\/(?!package)/.test(error.message)) return null;
    throw error;
  }
}

function schemaProblems(object) {
  const Model = modelFor(object);
  if (!Model) return [`${object.apiVersion} ${object.kind} is not a Kubernetes kind the schemas know`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [String(error.message)];
  }
}

/**
 * What the schemas let through: unknown fields (a misspelt `readinesProbe` is silently dropped by the API server).
 * Each object becomes a typed object literal of its kubernetes-models interface, and TypeScript's excess-property
 * and type checks run over them: one file per overlay, one object per line, so a diagnostic's line names the object.
 */
function strictProblems(rendered) {
  const ts = require('typescript');
  const models = path.dirname(require.resolve('kubernetes-models/package.json'));
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'shop-manifests-'));
  try {
    const files = rendered.map(({ overlay, objects }, n) => {
      const file = path.join(dir, `overlay${n}.ts`);
      const lines = objects.map((o, i) => {
        const group = o.apiVersion === 'v1' ? 'v1' : o.apiVersion;
        return `export const o${i}: import("kubernetes-models/${group}/${o.kind}").I${o.kind} = ${JSON.stringify(o)};`;
      });
      fs.writeFileSync(file, lines.join('\n'));
      return { file, overlay, objects };
    });
    const program = ts.createProgram(files.map((f) => f.file), {
      noEmit: true, strict: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      paths: { 'kubernetes-models/*': [`${models}/*`] },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const source = d.file && files.find((f) => path.resolve(f.file) === path.resolve(d.file.fileName));
      const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      if (!source) return message;
      const object = source.objects[d.file.getLineAndCharacterOfPosition(d.start).line];
      return `${source.overlay} ${object.kind}/${object.metadata?.name}: ${message}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const matches = (selector = {}, labels = {}) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The environment a container sees: its ConfigMaps (envFrom), its values, and stand-ins for its Secret keys. */
function containerEnv(container, objects, secretKeys, problems, where) {
  const env = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name ?? source.secretRef?.name;
    const map = objects.find((o) => o.kind === (source.configMapRef ? 'ConfigMap' : 'Secret') && o.metadata.name === name);
    if (!map) problems.push(`${where}: envFrom ${name}, which is not rendered`);
    else Object.assign(env, map.data ?? {}, map.stringData ?? {});
  }
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (ref) {
      if (ref.name !== 'shop-secrets') problems.push(`${where}: ${entry.name} from secret ${ref.name} (the shop's secret is shop-secrets)`);
      if (!(ref.key in secretKeys)) problems.push(`${where}: ${entry.name} from key ${ref.key}, missing in deploy/kubernetes/secrets.example.env`);
      else env[entry.name] = secretKeys[ref.key];
    } else if ('value' in entry) env[entry.name] = entry.value;
  }
  return env;
}

function readEnvFile(file) {
  const values = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) values[m[1]] = m[2];
  }
  return values;
}

/** The Dockerfile SERVICE an image name stands for: shop-catalog, …/shop/catalog:1.0 → catalog. */
const imageService = (image) => image.split('/').pop().split(':')[0].replace(/^shop-/, '');

function checkImage(container, file, { dockerfile, problems, where }) {
  const service = imageService(container.image ?? '');
  if (!dockerfileServices(dockerfile).includes(service)) problems.push(`${where}: image ${container.image} is not one the Dockerfile builds`);
  else if (file && !imageCarries(service, file)) problems.push(`${where}: image ${container.image} does not carry ${file}`);
}

function checkKubernetesObjects(objects, { overlay, secretKeys, problems, cache, dockerfile }) {
  const of = (kind) => objects.filter((o) => o.kind === kind);
  for (const object of objects) {
    for (const problem of schemaProblems(object)) problems.push(`${overlay} ${object.kind}/${object.metadata?.name}: ${problem}`);
  }
  const deployments = of('Deployment');
  const names = deployments.map((d) => d.metadata.name);
  for (const subgraph of [...subgraphs(), 'gateway']) if (!names.includes(subgraph)) problems.push(`${overlay}: no Deployment for ${subgraph}`);
  for (const deployment of deployments) {
    const name = deployment.metadata.name;
    const where = `${overlay} Deployment/${name}`;
    const pod = deployment.spec.template;
    if (!matches(deployment.spec.selector.matchLabels, pod.metadata.labels)) problems.push(`${where}: its selector does not select its own pods`);
    const [container] = pod.spec.containers;
    const port = container.ports?.find((p) => p.name === 'http');
    if (!port) problems.push(`${where}: no container port named http`);
    for (const [probe, route] of [['readinessProbe', '/ready'], ['livenessProbe', '/health']]) {
      if (container[probe]?.httpGet?.path !== route) problems.push(`${where}: ${probe} should ask ${route}`);
    }
    if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory) problems.push(`${where}: no cpu and memory requests`);
    if (!pod.spec.securityContext?.runAsNonRoot) problems.push(`${where}: may run as root`);
    const env = containerEnv(container, objects, secretKeys, problems, where);
    const file = commandFile(container.command);
    checkImage(container, file, { dockerfile, problems, where });
    if (!file) problems.push(`${where}: no node command`);
    else if (!fs.existsSync(path.join(root, file))) problems.push(`${where}: ${file} is not in the build`);
    else {
      for (const problem of configProblems(file, env, cache)) problems.push(`${where}: would not start: ${problem}`);
      const ownPort = Object.entries(env).find(([k]) => k.endsWith('_PORT'));
      if (port && ownPort && Number(ownPort[1]) !== port.containerPort) problems.push(`${where}: listens on ${ownPort[0]}=${ownPort[1]}, container port ${port.containerPort}`);
    }
    if (!of('Service').some((s) => matches(s.spec.selector, pod.metadata.labels))) problems.push(`${where}: no Service selects its pods`);
    if (!of('PodDisruptionBudget').some((b) => matches(b.spec.selector.matchLabels, pod.metadata.labels))) problems.push(`${where}: no PodDisruptionBudget`);
    const hpa = of('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === name);
    if (name === 'payment') {
      // The built-in test provider keeps its authorizations in the process: exactly one replica, never two at once.
      if (hpa || deployment.spec.replicas !== 1 || deployment.spec.strategy?.type !== 'Recreate') {
        problems.push(`${where}: must run as exactly one replica (replicas 1, strategy Recreate, no autoscaler)`);
      }
    } else if (!hpa) problems.push(`${where}: no HorizontalPodAutoscaler`);
    else if (hpa.spec.minReplicas > deployment.spec.replicas) problems.push(`${where}: ${deployment.spec.replicas} replicas, below its autoscaler's minimum ${hpa.spec.minReplicas}`);
  }
  for (const hpa of of('HorizontalPodAutoscaler')) {
    if (!names.includes(hpa.spec.scaleTargetRef.name)) problems.push(`${overlay} HorizontalPodAutoscaler/${hpa.metadata.name}: scales a Deployment that is not rendered`);
  }
  for (const service of of('Service')) {
    const target = deployments.find((d) => matches(service.spec.selector, d.spec.template.metadata.labels));
    if (!target) problems.push(`${overlay} Service/${service.metadata.name}: selects no Deployment's pods`);
  }
  for (const ingress of of('Ingress')) {
    for (const rule of ingress.spec.rules ?? []) {
      for (const { path: route, backend } of rule.http?.paths ?? []) {
        const service = of('Service').find((s) => s.metadata.name === backend.service?.name);
        const port = service?.spec.ports.find((p) => p.name === backend.service.port.name || p.port === backend.service.port.number);
        if (!port) problems.push(`${overlay} Ingress/${ingress.metadata.name}: ${rule.host}${route} goes to ${backend.service?.name}, no such Service port`);
      }
    }
  }
  const jobs = of('Job');
  if (jobs.length !== 1) problems.push(`${overlay}: ${jobs.length} Jobs, expected the one migration Job`);
  for (const job of jobs) {
    const where = `${overlay} Job/${job.metadata.name}`;
    const [container] = job.spec.template.spec.containers;
    const env = containerEnv(container, objects, secretKeys, problems, where);
    for (const context of contexts()) {
      const variable = `${context.toUpperCase()}_DATABASE_URL`;
      if (!env[variable] && !env.DATABASE_URL) problems.push(`${where}: no ${variable} (the ${context} context would not be migrated)`);
    }
    const file = commandFile(container.command);
    checkImage(container, file, { dockerfile, problems, where });
    if (!file || !fs.existsSync(path.join(root, file))) problems.push(`${where}: ${file ?? 'its command'} is not in the build`);
  }
}

// ------------------------------------------------------------------------------------------------------- README

/** Every variable a process reads, by its source: each service's config, what all read, npm start's, the gateway's URLs. */
function variablesRead(files, cache) {
  const read = new Map();
  const add = (name, source) => read.set(name, read.get(name) ?? source);
  for (const file of files) {
    if (!cache.has(file)) cache.set(file, loadServiceMain(file));
    const { main, platform } = cache.get(file);
    for (const name of Object.keys(platform.serviceConfigSchema.shape)) add(name, 'every service');
    for (const name of Object.keys(main.config)) add(name, file);
  }
  // What the platform reads outside the config schemas (db pools, logs, metrics, OpenTelemetry).
  for (const file of ['db/prisma.ts', 'logger.ts', 'observability/metrics.ts', 'observability/tracing.ts']) {
    const source = path.join(root, 'packages', 'platform', 'src', file);
    if (!fs.existsSync(source)) continue;
    for (const [, name] of fs.readFileSync(source, 'utf8').matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)) add(name, `packages/platform/src/${file}`);
  }
  add('DATABASE_URL', 'packages/platform/src/db/migrate-cli.ts');
  // Pool settings are read by name built from the context (poolSettingsFromEnv): the shared names and the pattern.
  for (const name of ['DB_POOL_SIZE', 'DB_POOL_MIN', 'DB_POOL_IDLE_SECONDS', '<CONTEXT>_DB_POOL_SIZE', '<CONTEXT>_DB_POOL_MIN', '<CONTEXT>_DB_POOL_IDLE_SECONDS']) {
    add(name, 'packages/platform/src/db/prisma.ts');
  }
  for (const subgraph of subgraphs()) add(urlVariable(subgraph), 'gateway/src/main.ts');
  const start = fs.readFileSync(path.join(root, 'embedded', 'src', 'start.ts'), 'utf8');
  const schema = /const configSchema = [\s\S]*?\n\}\);/.exec(start)?.[0] ?? '';
  for (const [, name] of schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)) add(name, 'embedded/src/start.ts');
  return read;
}

/** The README's Production section lists every variable (as `NAME`). */
function checkReadme(readme, read, problems) {
  const section = /\n## Production\n([\s\S]*?)\n## /.exec(readme)?.[1];
  if (!section) return problems.push('README.md: no "## Production" section');
  for (const [name, source] of read) {
    if (!section.includes(`\`${name}\``)) problems.push(`README.md "Production": ${name} (read by ${source}) is not in the settings`);
  }
}

// ----------------------------------------------------------------------------------------------------------- main

/** `--compose FILE`, `--kubernetes DIR` (overlays/ and secrets.example.env), `--readme FILE`: the repository's by default. */
function options(argv) {
  const value = (flag, fallback) => (argv.includes(flag) ? path.resolve(argv[argv.indexOf(flag) + 1]) : fallback);
  return {
    compose: value('--compose', path.join(root, 'docker-compose.yml')),
    kubernetes: value('--kubernetes', path.join(__dirname, 'kubernetes')),
    readme: value('--readme', path.join(root, 'README.md')),
    /** `--only compose,readme`: just those parts (all by default). */
    parts: argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : ['compose', 'readme', 'kubernetes'],
  };
}

function main(argv) {
  const started = Date.now();
  const files = options(argv);
  const problems = [];
  const cache = new Map();
  const compose = YAML.parse(fs.readFileSync(files.compose, 'utf8'), { merge: true });
  if (files.parts.includes('compose')) {
    const schema = composeConfig(files.compose, problems);
    checkCompose(compose, { dockerfile: fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), problems, cache });
    console.log(`docker-compose.yml: ${Object.keys(compose.services).length} services checked (${schema})`);
  }
  if (files.parts.includes('readme')) {
    const entryPoints = Object.values(compose.services).map((s) => commandFile(s.command)).filter((f) => f?.endsWith('/main.js'));
    const read = variablesRead(entryPoints.filter((f) => fs.existsSync(path.join(root, f))), cache);
    checkReadme(fs.readFileSync(files.readme, 'utf8'), read, problems);
    console.log(`README.md "Production": ${read.size} settings checked`);
  }
  if (files.parts.includes('kubernetes')) checkKubernetes(files, problems, cache);
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.log(problems.length ? `${problems.length} problem(s)` : `deploy: all checks passed in ${Date.now() - started} ms`);
  process.exitCode = problems.length ? 1 : 0;
  // A loaded main.js may have opened something (a telemetry exporter, a timer): do not wait for it.
  setTimeout(() => process.exit(), 1_000).unref();
}

function checkKubernetes(files, problems, cache) {
  const bin = kubectl();
  const schemas = (() => { try { return require.resolve('kubernetes-models/package.json'); } catch { return null; } })();
  if (!schemas) problems.push('the Kubernetes schemas are not installed (devDependency kubernetes-models@4.5.1; 5.x needs Node 22)');
  else if (!bin) problems.push('no kubectl to render deploy/kubernetes (Debian: apt-get install kubernetes-client; or KUBECTL=/path)');
  else {
    const secretKeys = readEnvFile(path.join(files.kubernetes, 'secrets.example.env'));
    const overlays = path.join(files.kubernetes, 'overlays');
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const rendered = [];
    for (const overlay of fs.readdirSync(overlays).sort()) {
      const objects = render(bin, path.join(overlays, overlay));
      checkKubernetesObjects(objects, { overlay: `kubernetes/overlays/${overlay}`, secretKeys, problems, cache, dockerfile });
      rendered.push({ overlay: `kubernetes/overlays/${overlay}`, objects });
      console.log(`${path.relative(root, path.join(overlays, overlay))}: ${objects.length} objects rendered and checked against the Kubernetes schemas`);
    }
    problems.push(...strictProblems(rendered));
    console.log('deploy/kubernetes: checked for unknown fields (TypeScript over the schemas\' types)');
  }
}

module.exports = { interpolate, checkCompose, checkKubernetesObjects, checkReadme, configProblems, dockerfileServices, render, kubectl, readEnvFile };

if (require.main === module) main(process.argv.slice(2));
