import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{lstat as lstatCallback,readdir as readdirCallback,readFile as readFileCallback,stat as statCallback}from"node:fs";import{promisify}from"node:util";var readFile=promisify(readFileCallback),readdir=promisify(readdirCallback),stat=promisify(statCallback),lstat=promisify(lstatCallback);export{readFile,readdir,stat,lstat};
