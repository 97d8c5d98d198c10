//! A chapter's subject API, written once.
//!
//! Every harness grades three crates with one API: the learner's exercise, the reference
//! solution and the frozen starter. [`subject_api!`](crate::subject_api) takes the list of
//! signatures once and generates the trait the tasks call and a `forward_api!(Marker => krate)`
//! macro that implements it for a marker type by calling `krate`: the harness's binaries, its
//! tests and its own `Starter` use that one macro. Chapters whose API is a type with methods
//! (caching, concurrency) write their adapter by hand instead.

/// Declares a chapter's subject API and its forwarding macro from one list of signatures.
///
/// ```ignore
/// grader_kit::subject_api! {
///     crate big_o_harness;
///     /// The chapter's public API, exactly as the exercise declares it.
///     pub trait Api {
///         /// See `big_o::find_duplicates`.
///         fn find_duplicates(order_ids: &[u64]) -> Vec<u64>;
///         /// The report, compared through its `Debug` text.
///         fn analyze(log: &str) -> String, via |report| format!("{report:#?}");
///     }
/// }
/// forward_api!(Starter => big_o_starter);
/// ```
///
/// The forwarding is expanded in the binaries and tests that call `forward_api!`, so types in
/// the signatures are written with paths that resolve anywhere (`std::ops::Range<usize>`).
/// A `const NAME: Type;` item forwards to the crate's constant of that name; `via` maps a
/// function's result (for types each crate defines for itself) into the trait's return type.
/// A function that is not one call of the crate's function of the same name gives the call
/// after `=`, written with the crate's items in scope (a glob import of the crate):
///
/// ```ignore
/// /// The report on the loaded log, both alive at the peak.
/// fn sensor_summary(csv: &str) -> String = sensor_report(&load_readings(csv));
/// ```
///
/// Every item may carry attributes (doc comments), constants and functions in any order. Inside
/// the harness crate itself, call `forward_api!` at the crate root, beside `subject_api!`.
#[macro_export]
macro_rules! subject_api {
    (
        crate $harness:ident;
        $(#[$meta:meta])*
        $vis:vis trait $api:ident { $($items:tt)* }
    ) => {
        $crate::subject_api!(@items ($) $harness [$(#[$meta])*] [$vis] $api [] [] $($items)*);
    };
    // The items one at a time, into the list of constants and the list of functions (two
    // repetitions side by side, each with its attributes, would be ambiguous).
    (@items ($d:tt) $harness:ident $meta:tt $vis:tt $api:ident [$($consts:tt)*] [$($fns:tt)*]
        $(#[$cmeta:meta])* const $c:ident : $cty:ty ; $($rest:tt)*
    ) => {
        $crate::subject_api!(@items ($d) $harness $meta $vis $api
            [$($consts)* { [$(#[$cmeta])*] $c [$cty] }] [$($fns)*] $($rest)*);
    };
    (@items ($d:tt) $harness:ident $meta:tt $vis:tt $api:ident [$($consts:tt)*] [$($fns:tt)*]
        $(#[$fmeta:meta])*
        fn $f:ident ( $($arg:ident : $aty:ty),* $(,)? ) -> $ret:ty
            $(= $call:expr)? $(, via $map:expr)? ;
        $($rest:tt)*
    ) => {
        $crate::subject_api!(@items ($d) $harness $meta $vis $api [$($consts)*] [$($fns)* {
            [$(#[$fmeta])*] $f [$($arg [$aty]),*] [$ret] [$($call)?] [$($map)?]
        }] $($rest)*);
    };
    (@items ($d:tt) $harness:ident [$(#[$meta:meta])*] [$vis:vis] $api:ident
        [$( { [$(#[$cmeta:meta])*] $c:ident [$cty:ty] } )*]
        [$( {
            [$(#[$fmeta:meta])*] $f:ident [$($arg:ident [$aty:ty]),*] [$ret:ty]
            [$($call:expr)?] [$($map:expr)?]
        } )*]
    ) => {
        // The inner macro names the trait by this crate's name, which other crates know from
        // their dependencies and this crate's root from this import (not `extern crate self`,
        // which rustdoc refuses beside the `--extern` of the crate itself that doctests get).
        #[allow(unused_imports)]
        use crate as $harness;

        $(#[$meta])*
        #[allow(unused_qualifications)] // the signatures' paths must resolve in other crates too
        $vis trait $api {
            $( $(#[$cmeta])* const $c: $cty; )*
            $( $(#[$fmeta])* fn $f($($arg: $aty),*) -> $ret; )*
        }

        /// Implements the chapter's API for a new marker type by calling a crate with that API.
        #[macro_export]
        macro_rules! forward_api {
            ($d marker:ident => $d krate:ident) => {
                /// The subject these tasks grade.
                #[derive(Debug)]
                pub struct $d marker;
                impl $harness::$api for $d marker {
                    $( const $c: $cty = $d krate::$c; )*
                    $(
                        fn $f($($arg: $aty),*) -> $ret {
                            $crate::api::map_result!(
                                $crate::api::forward_call!($d krate, $f($($arg),*) $(, $call)?)
                                $(, $map)?
                            )
                        }
                    )*
                }
            };
        }
    };
}

/// The forwarded call: the crate's function of the same name, or the call given after `=`
/// with the crate's items in scope.
#[doc(hidden)]
#[macro_export]
macro_rules! __forward_call {
    ($krate:ident, $f:ident($($arg:ident),*)) => {
        $krate::$f($($arg),*)
    };
    ($krate:ident, $f:ident($($arg:ident),*), $call:expr) => {{
        use $krate::*;
        $call
    }};
}

/// The forwarded call's result, through `via`'s closure when there is one.
#[doc(hidden)]
#[macro_export]
macro_rules! __map_result {
    ($call:expr) => {
        $call
    };
    ($call:expr, $map:expr) => {
        ($map)($call)
    };
}

#[doc(hidden)]
pub use crate::{__forward_call as forward_call, __map_result as map_result};
