import { mount } from './hover-app.js'

mount(false)
