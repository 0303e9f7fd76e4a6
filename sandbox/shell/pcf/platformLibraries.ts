/**
 * React 16 and Fluent 8 as the platform provides them to virtual controls. The global names are
 * what pcf-scripts writes into a bundle for `<platform-library name="React" version="16.14.0"/>`
 * and `<platform-library name="Fluent" version="8.29.0"/>`.
 */
import * as Fluent from '@fluentui/react';
import * as React from 'react';
import * as ReactDOM from 'react-dom';

const globals = window as unknown as Record<string, unknown>;
globals.Reactv16 = React;
globals.ReactDOMv16 = ReactDOM;
globals.FluentUIReactv8290 = Fluent;
globals.FluentUIReactv8 = Fluent;
