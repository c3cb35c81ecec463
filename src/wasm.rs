//! The JS binding: the only module with wasm-bindgen, js-sys, web-sys or gloo types.

use wasm_bindgen::prelude::*;

use crate::{Error, Options};

fn to_js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    js.into()
}

fn options_from(value: JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| to_js_error(Error::InvalidOptions(e.to_string())))
}

/// Renders a raw post into an `Article`.
#[wasm_bindgen(js_name = renderPost)]
pub fn render_post(raw: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_from(options)?;
    let article = crate::render_post_with(raw, &options).map_err(to_js_error)?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&article, &serializer).map_err(|e| JsValue::from_str(&e.to_string()))
}
