//! A box that scrolls sideways and shows that it does: on a phone a wide
//! table is otherwise simply cut at the right edge.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Wraps wide content in a keyboard-focusable scrolling region labelled
/// `label`. While the content is wider than the box, a "← 可左右滑动 →" hint
/// shows above it and the right edge fades until it is scrolled to the end.
#[component]
pub fn ScrollBox(label: String, children: Children) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let overflows = RwSignal::new(false);
    let at_end = RwSignal::new(false);
    let measure = move || {
        if let Some(el) = node.get_untracked() {
            let (wide, box_w, left) = (el.scroll_width(), el.client_width(), el.scroll_left());
            // A closed <details> has width 0: nothing to scroll there.
            overflows.set(box_w > 0 && wide > box_w + 1);
            at_end.set(left + box_w >= wide - 1);
        }
    };
    // A resize observer sees everything that changes the box's width: the
    // window, a <details> opened, fonts arriving. It lives as long as the box.
    let on_resize = Closure::<dyn Fn()>::new(measure);
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    let observer = StoredValue::new_local((observer, on_resize));
    node.on_load(move |el| {
        observer.with_value(|(o, _)| {
            if let Some(o) = o {
                o.observe(&el);
            }
        })
    });
    on_cleanup(move || {
        observer.try_with_value(|(o, _)| o.as_ref().map(web_sys::ResizeObserver::disconnect));
    });
    view! {
        <div class="scroll-box" class:overflows=move || overflows.get() class:at-end=move || at_end.get()>
            <Show when=move || overflows.get()>
                <p class="scroll-hint" aria-hidden="true">"← 可左右滑动 →"</p>
            </Show>
            <div class="scroll-frame">
                // Focusable, so a keyboard can scroll it too.
                <div class="scroll" node_ref=node tabindex="0" role="region" aria-label=label on:scroll=move |_| measure()>
                    {children()}
                </div>
            </div>
        </div>
    }
}
