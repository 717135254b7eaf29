/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark's 100 functions, kpb_fn_00 to kpb_fn_99, named by two
 * decimal digits so that one macro can stamp them all out.
 */
#ifndef _KPB_H
#define _KPB_H

#define KPB_TENS(m, d)							\
	m(d##0) m(d##1) m(d##2) m(d##3) m(d##4)				\
	m(d##5) m(d##6) m(d##7) m(d##8) m(d##9)

#define KPB_1(m)	m(00)
#define KPB_10(m)	KPB_TENS(m, 0)
#define KPB_100(m)							\
	KPB_TENS(m, 0) KPB_TENS(m, 1) KPB_TENS(m, 2) KPB_TENS(m, 3)	\
	KPB_TENS(m, 4) KPB_TENS(m, 5) KPB_TENS(m, 6) KPB_TENS(m, 7)	\
	KPB_TENS(m, 8) KPB_TENS(m, 9)

#endif
