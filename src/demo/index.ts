export { type DatasetFiles, type DatasetOptions, demoFields, writeDataset } from './dataset.js';
export { demoSegments } from './demo-segments.js';
export { type DemoSummary, type LoadDemoInput, loadDemo } from './load-demo.js';
